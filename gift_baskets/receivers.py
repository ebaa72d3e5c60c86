def record_supply_lines(sender, order, **kwargs):
    from gift_baskets.services import supply_lines_create_for_order

    supply_lines_create_for_order(order=order)
