/* Live sessions: websocket client, chat, product rail, pinned card, countdowns, buying,
   and the host console. Vanilla JS, no inline scripts; texts come from data-* attributes. */
(function () {
    "use strict";

    function $(selector, root) { return (root || document).querySelector(selector); }
    function $all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
    function money(value) { return window.ocopMoney(value); }  // static/js/money.js
    function cookie(name) {
        var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
        return match ? decodeURIComponent(match[1]) : "";
    }
    function clock(seconds) {
        seconds = Math.max(0, Math.floor(seconds));
        var m = Math.floor(seconds / 60), s = seconds % 60;
        return m + ":" + (s < 10 ? "0" : "") + s;
    }

    function LiveSocket(path, onMessage, onStatus) {
        var self = this, delay = 1000;
        self.queue = [];
        function open() {
            var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
            var socket = new WebSocket(scheme + window.location.host + path);
            self.socket = socket;
            socket.onopen = function () {
                delay = 1000;
                onStatus(true);
                while (self.queue.length) { socket.send(self.queue.shift()); }
            };
            socket.onmessage = function (event) {
                var data;
                try { data = JSON.parse(event.data); } catch (e) { return; }
                onMessage(data);
            };
            socket.onclose = function (event) {
                onStatus(false);
                if (event.code === 4404) { return; }
                setTimeout(open, delay);
                delay = Math.min(delay * 2, 15000);
            };
        }
        self.send = function (message) {
            var text = JSON.stringify(message);
            if (self.socket && self.socket.readyState === 1) { self.socket.send(text); } else { self.queue.push(text); }
        };
        open();
    }

    function renderChat(list, frame, moderate, socket, texts) {
        if (!list || $("[data-message-id='" + frame.id + "']", list)) { return; }
        var item = document.createElement("li");
        item.setAttribute("data-message-id", frame.id);
        // user and body arrive HTML-escaped by the server.
        item.innerHTML = "<strong>" + frame.user + "</strong> <span class=\"live-chat-body\">" + frame.body + "</span>";
        if (moderate) {
            var hide = document.createElement("button");
            hide.type = "button"; hide.className = "btn btn-link btn-sm"; hide.textContent = texts.hide || "Ẩn";
            hide.addEventListener("click", function () { socket.send({ type: "hide", message_id: frame.id }); });
            var mute = document.createElement("button");
            mute.type = "button"; mute.className = "btn btn-link btn-sm"; mute.textContent = texts.mute || "Khoá 10 phút";
            mute.addEventListener("click", function () { socket.send({ type: "mute", message_id: frame.id, minutes: 10 }); });
            item.appendChild(hide); item.appendChild(mute);
        }
        list.appendChild(item);
        while (list.children.length > 200) { list.removeChild(list.firstChild); }
        list.scrollTop = list.scrollHeight;
    }

    function ownPlayer(video, src) {
        /* Our own HLS: wait for the first segment, autoplay muted with a visible "Bật tiếng",
           "Đang kết nối lại…" when the stream stalls or the media process says so. */
        var note = $("#live-media-note"), unmute = $("#live-unmute"), lastTime = -1, stalledSince = null;
        var state = ($("#live-player") || video).getAttribute("data-media-state") || "idle";
        function show(text) { if (!note) { return; } note.textContent = text || ""; note.hidden = !text; }
        function setState(next) {
            state = next;
            if (next === "live") { show(""); }
            if (next === "reconnecting") { show(note && note.getAttribute("data-text-reconnecting")); }
        }
        function play() { var promise = video.play(); if (promise) { promise.catch(function () {}); } }
        if (unmute) {
            unmute.hidden = !video.muted;
            unmute.addEventListener("click", function () { video.muted = false; unmute.hidden = true; play(); });
            video.addEventListener("volumechange", function () { unmute.hidden = !video.muted; });
        }
        if (window.Hls && window.Hls.isSupported()) {
            var hls = new window.Hls({ liveSyncDurationCount: 2, liveMaxLatencyDurationCount: 6, lowLatencyMode: false });
            hls.on(window.Hls.Events.MANIFEST_PARSED, function () { setState("live"); play(); });
            hls.on(window.Hls.Events.ERROR, function (_event, data) {
                if (data.fatal) {
                    // Not started yet (404) or a network hiccup: try again shortly.
                    setTimeout(function () { hls.loadSource(src); }, 2000);
                }
            });
            hls.loadSource(src);
            hls.attachMedia(video);
        } else if (video.canPlayType("application/vnd.apple.mpegurl")) {
            // iOS Safari: native HLS. Retry until the playlist exists.
            video.addEventListener("error", function () { setTimeout(function () { video.src = src; play(); }, 2000); });
            video.addEventListener("loadedmetadata", function () { setState("live"); });
            video.src = src;
            play();
        }
        setInterval(function () {
            if (video.paused && state !== "live") { return; }
            if (video.currentTime !== lastTime) { lastTime = video.currentTime; stalledSince = null; if (state === "reconnecting") { setState("live"); } return; }
            stalledSince = stalledSince || Date.now();
            if (Date.now() - stalledSince > 4000 && state === "live" && !video.ended) { setState("reconnecting"); }
        }, 1000);
        document.addEventListener("live:media", function (event) { setState(event.detail); });
    }

    function startPlayer() {
        var video = $("#live-video");
        if (!video || video.tagName !== "VIDEO") { return video; }
        var src = video.getAttribute("data-src");
        if (!src) { return video; }
        if (video.getAttribute("data-own") === "1") {
            ownPlayer(video, src);
        } else if (/\.m3u8(\?|$)/.test(src) && window.Hls && window.Hls.isSupported()) {
            var hls = new window.Hls();
            hls.loadSource(src);
            hls.attachMedia(video);
        } else {
            video.src = src;
        }
        $all(".live-marker").forEach(function (button) {
            button.addEventListener("click", function () {
                video.currentTime = parseInt(button.getAttribute("data-offset"), 10) || 0;
                video.play();
            });
        });
        return video;
    }

    function viewer(app) {
        var d = app.dataset;
        var texts = { hide: d.textHide, mute: d.textMute };
        var chat = $("#live-chat"), pinnedBox = $("#live-pinned"), errorBox = $("#live-error");
        var toast = $("#live-toast"), viewers = $("#live-viewers");
        var pinned = null, countdownTimer = null, moderate = false;
        startPlayer();

        var start = $("#live-start-countdown");
        if (start && d.start) {
            var startAt = new Date(d.start).getTime();
            var tickStart = function () {
                var left = (startAt - Date.now()) / 1000;
                start.textContent = left > 0 ? clock(left) : "";
            };
            tickStart(); setInterval(tickStart, 1000);
        }
        if (d.status === "ended") { return; }

        function showToast(text) {
            if (!toast) { return; }
            toast.textContent = text; toast.hidden = false;
            setTimeout(function () { toast.hidden = true; }, 4000);
        }

        function renderPinned() {
            if (!pinnedBox) { return; }
            clearInterval(countdownTimer);
            if (!pinned) { pinnedBox.hidden = true; pinnedBox.innerHTML = ""; return; }
            pinnedBox.hidden = false;
            pinnedBox.innerHTML = "";
            pinnedBox.setAttribute("data-featured-id", pinned.id);
            if (pinned.image) {
                var img = document.createElement("img");
                img.src = pinned.image; img.alt = ""; img.width = 80; img.height = 80;
                pinnedBox.appendChild(img);
            }
            var body = document.createElement("div");
            var title = document.createElement("a");
            title.href = pinned.url; title.textContent = pinned.title; title.className = "live-pinned-title";
            body.appendChild(title);
            var price = document.createElement("p");
            price.className = "live-pinned-price";
            if (pinned.offer_running) {
                price.innerHTML = "<span class=\"live-price\"></span> <del></del>";
                price.firstChild.textContent = d.textLivePrice + ": " + money(pinned.live_price);
                price.lastChild.textContent = money(pinned.price);
            } else {
                price.textContent = money(pinned.price);
            }
            body.appendChild(price);
            if (pinned.offer_running && pinned.remaining !== null) {
                var remaining = document.createElement("p");
                remaining.className = "live-pinned-remaining";
                remaining.textContent = pinned.remaining > 0 ? d.textRemaining.replace("%(n)s", pinned.remaining) : d.textSoldOut;
                body.appendChild(remaining);
            }
            if (pinned.offer_running && pinned.offer_ends_at) {
                var countdown = document.createElement("p");
                countdown.className = "live-countdown";
                body.appendChild(countdown);
                var ends = new Date(pinned.offer_ends_at).getTime();
                var tick = function () {
                    var left = (ends - Date.now()) / 1000;
                    countdown.textContent = d.textEndsIn + " " + clock(left);
                    if (left <= 0) { clearInterval(countdownTimer); pinned.offer_running = false; renderPinned(); }
                };
                tick(); countdownTimer = setInterval(tick, 1000);
            }
            var buy = document.createElement("button");
            buy.type = "button"; buy.className = "btn btn-danger live-buy"; buy.textContent = d.textBuy;
            buy.addEventListener("click", function () { purchase(pinned.id, buy); });
            body.appendChild(buy);
            pinnedBox.appendChild(body);
        }

        function purchase(featuredId, button) {
            if (d.loggedIn !== "1") {
                window.location.href = "/accounts/login/?next=" + encodeURIComponent(window.location.pathname);
                return;
            }
            button.disabled = true;
            var body = new URLSearchParams({ featured_id: featuredId, quantity: "1" });
            fetch(d.buyUrl, {
                method: "POST", body: body, credentials: "same-origin",
                headers: { "X-CSRFToken": cookie("csrftoken"), "Accept": "application/json" }
            }).then(function (response) { return response.json(); }).then(function (result) {
                showToast(result.message);
            }).catch(function () { showToast("…"); }).then(function () { button.disabled = false; });
        }

        function updateRemaining(featuredId, remaining) {
            $all("[data-remaining-for='" + featuredId + "']").forEach(function (node) {
                node.textContent = remaining > 0 ? d.textRemaining.replace("%(n)s", remaining) : d.textSoldOut;
            });
            if (pinned && pinned.id === featuredId) { pinned.remaining = remaining; if (remaining === 0) { pinned.offer_running = false; } renderPinned(); }
        }

        var socket = new LiveSocket(d.wsPath, function (frame) {
            switch (frame.type) {
            case "state":
                moderate = frame.can_moderate;
                pinned = frame.pinned; renderPinned();
                if (viewers) { viewers.textContent = frame.viewers; }
                frame.chat.forEach(function (m) { renderChat(chat, m, moderate, socket, texts); });
                break;
            case "chat": renderChat(chat, frame, moderate, socket, texts); break;
            case "chat_hidden":
                var gone = chat && $("[data-message-id='" + frame.id + "']", chat);
                if (gone) { gone.parentNode.removeChild(gone); }
                break;
            case "pinned": pinned = frame.product; renderPinned(); break;
            case "offer":
                if (pinned && frame.product && pinned.id === frame.product.id) { pinned = frame.product; renderPinned(); }
                break;
            case "stock": updateRemaining(frame.featured_id, frame.remaining); break;
            case "withdrawn":
                // The product lost its OCOP certificate: it leaves the rail and the card.
                $all(".live-rail-item[data-product-id='" + frame.product_id + "']").forEach(function (node) {
                    node.parentNode.removeChild(node);
                });
                if (pinned && pinned.product_id === frame.product_id) { pinned = null; renderPinned(); }
                break;
            case "viewers": if (viewers) { viewers.textContent = frame.count; } break;
            case "media": document.dispatchEvent(new CustomEvent("live:media", { detail: frame.state })); break;
            case "status":
                var label = $("#live-status-label");
                if (label) { label.textContent = frame.status === "ended" ? d.textEnded : d.textLive; }
                if (frame.status === "ended") { pinned = null; renderPinned(); }
                break;
            case "reaction": showToast({ heart: "❤️", like: "👍", fire: "🔥", clap: "👏" }[frame.kind] || ""); break;
            case "error": if (errorBox) { errorBox.textContent = frame.message; setTimeout(function () { errorBox.textContent = ""; }, 5000); } break;
            }
        }, function (connected) {
            if (errorBox && !connected) { errorBox.textContent = d.textDisconnected; }
            if (errorBox && connected && errorBox.textContent === d.textDisconnected) { errorBox.textContent = ""; }
        });

        var form = $("#live-chat-form");
        if (form) {
            form.addEventListener("submit", function (event) {
                event.preventDefault();
                var input = $("#live-chat-input");
                var body = input.value.trim();
                if (!body) { return; }
                socket.send({ type: "chat", body: body });
                input.value = "";
            });
        }
        $all("[data-react]").forEach(function (button) {
            button.addEventListener("click", function () { socket.send({ type: "react", kind: button.getAttribute("data-react") }); });
        });
    }

    function host(root) {
        var d = root.dataset, errorBox = $("#host-error"), chat = $("#live-chat"), viewers = $("#live-viewers");
        var socket = new LiveSocket(d.wsPath, function (frame) {
            switch (frame.type) {
            case "state": frame.chat.forEach(function (m) { renderChat(chat, m, true, socket, {}); }); break;
            case "chat": renderChat(chat, frame, true, socket, {}); break;
            case "chat_hidden":
                var gone = $("[data-message-id='" + frame.id + "']", chat);
                if (gone) { gone.parentNode.removeChild(gone); }
                break;
            case "viewers": viewers.textContent = frame.count; break;
            case "media": document.dispatchEvent(new CustomEvent("live:media", { detail: frame.state })); break;
            case "status":
                // Publishing from this page: a reload would cut the camera off.
                if (document.getElementById("host-publish") && frame.status === "live") {
                    var badge = $("#host-status");
                    if (badge) { badge.textContent = frame.status; badge.setAttribute("data-status", frame.status); }
                    document.dispatchEvent(new CustomEvent("live:media", { detail: "live" }));
                    break;
                }
                window.location.reload();
                break;
            case "pinned":
                $all(".live-host-products li").forEach(function (li) {
                    li.classList.toggle("is-pinned", !!frame.product && String(frame.product.id) === li.getAttribute("data-featured-id"));
                });
                break;
            case "stock":
                var sold = $("[data-sold-for='" + frame.featured_id + "']");
                if (sold) { sold.textContent = frame.sold; }
                var total = $("#host-sold");
                if (total) {
                    total.textContent = $all("[data-sold-for]").reduce(function (sum, node) {
                        return sum + (parseInt(node.textContent, 10) || 0);
                    }, 0);
                }
                break;
            case "muted": errorBox.textContent = "✓"; break;
            case "error": errorBox.textContent = frame.message; break;
            }
        }, function (connected) { if (!connected) { errorBox.textContent = d.textDisconnected; } });

        root.addEventListener("click", function (event) {
            var button = event.target.closest("[data-action]");
            if (!button) { return; }
            errorBox.textContent = "";
            var action = button.getAttribute("data-action"), message = { type: action };
            if (button.hasAttribute("data-featured-id")) { message.featured_id = parseInt(button.getAttribute("data-featured-id"), 10); }
            if (action === "end") { message.replay_url = ($("#host-replay-url") || {}).value || ""; }
            socket.send(message);
        });
        $all(".live-offer-form").forEach(function (form) {
            form.addEventListener("submit", function (event) {
                event.preventDefault();
                socket.send({
                    type: "offer_start",
                    featured_id: parseInt(form.getAttribute("data-featured-id"), 10),
                    minutes: parseInt(form.elements.minutes.value, 10),
                    live_price: form.elements.live_price.value || null,
                    cap: form.elements.cap.value || null
                });
            });
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        var app = document.getElementById("live-app");
        if (app) { viewer(app); }
        var console_ = document.getElementById("live-host");
        if (console_) { host(console_); }
    });
})();
