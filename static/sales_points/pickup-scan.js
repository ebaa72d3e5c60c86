/* The counter's "Quét mã QR": the phone camera reads the shopper's pickup QR (the code itself)
   with the browser's BarcodeDetector, fills the code box and submits. Hidden where the browser
   has no BarcodeDetector or camera: typing the code always works. */
(function () {
    "use strict";
    var button = document.querySelector("[data-scan-button]");
    var input = document.getElementById("sp-collect-code");
    var video = document.querySelector("[data-scan-video]");
    if (!button || !input || !video) { return; }
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
        var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
            video.hidden = false;
            video.srcObject = stream;
            video.play();
            function stop() { stream.getTracks().forEach(function (track) { track.stop(); }); video.hidden = true; }
            function look() {
                detector.detect(video).then(function (codes) {
                    if (codes.length) {
                        stop();
                        input.value = codes[0].rawValue;
                        input.form.submit();
                    } else { window.requestAnimationFrame(look); }
                }, function () { window.setTimeout(look, 300); });
            }
            look();
        }, function () { button.disabled = true; });
    });
})();
