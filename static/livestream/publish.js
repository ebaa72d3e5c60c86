/* Going live from the host console: camera + microphone → WebRTC → our WHIP endpoint
   (RFC 9725: POST the offer, 201 with the answer and a Location, DELETE to stop).
   H.264 is asked for first (the server then remuxes without re-encoding). If the network
   drops, it reconnects with a new offer; the server keeps the session for the grace period. */
(function () {
    "use strict";
    var root = document.getElementById("host-publish");
    if (!root) { return; }
    var d = root.dataset;
    var preview = document.getElementById("host-preview");
    var stateBox = document.getElementById("host-publish-state");
    var startButton = document.getElementById("host-publish-start");
    var flipButton = document.getElementById("host-publish-flip");
    var muteButton = document.getElementById("host-publish-mute");
    var stopButton = document.getElementById("host-publish-stop");
    var stream = null, pc = null, resource = null, facing = "user", stopping = false, retry = 0;

    function say(text) { stateBox.textContent = text; }
    function cookie(name) {
        var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
        return match ? decodeURIComponent(match[1]) : "";
    }
    function constraints() {
        return {
            audio: { echoCancellation: true, noiseSuppression: true },
            video: { facingMode: facing, width: { ideal: parseInt(d.maxWidth, 10) }, height: { ideal: parseInt(d.maxHeight, 10) }, frameRate: { ideal: 30, max: 30 } }
        };
    }

    function preferH264(transceiver) {
        if (!window.RTCRtpSender || !RTCRtpSender.getCapabilities || !transceiver.setCodecPreferences) { return; }
        var codecs = RTCRtpSender.getCapabilities("video").codecs;
        var h264 = codecs.filter(function (c) { return /h264/i.test(c.mimeType) && /packetization-mode=1/.test(c.sdpFmtpLine || ""); });
        var rest = codecs.filter(function (c) { return h264.indexOf(c) === -1; });
        try { transceiver.setCodecPreferences(h264.concat(rest)); } catch (e) { /* the browser keeps its order */ }
    }

    function gathered(peer) {
        return new Promise(function (resolve) {
            if (peer.iceGatheringState === "complete") { resolve(); return; }
            var timer = setTimeout(resolve, 2000);  // host candidates are enough on most networks
            peer.addEventListener("icegatheringstatechange", function () {
                if (peer.iceGatheringState === "complete") { clearTimeout(timer); resolve(); }
            });
        });
    }

    function connect() {
        var servers = [];
        try { servers = JSON.parse(d.iceServers || "[]"); } catch (e) { servers = []; }
        var peer = new RTCPeerConnection({ iceServers: servers });
        pc = peer;
        stream.getTracks().forEach(function (track) {
            var transceiver = peer.addTransceiver(track, { direction: "sendonly", streams: [stream] });
            if (track.kind === "video") {
                preferH264(transceiver);
                var params = transceiver.sender.getParameters();
                params.encodings = params.encodings && params.encodings.length ? params.encodings : [{}];
                params.encodings[0].maxBitrate = parseInt(d.maxBitrate, 10);
                transceiver.sender.setParameters(params).catch(function () {});
            }
        });
        peer.addEventListener("connectionstatechange", function () {
            if (peer !== pc || stopping) { return; }
            if (peer.connectionState === "connected") { retry = 0; say(d.textWaiting); watchPlaylist(); }
            if (peer.connectionState === "failed" || peer.connectionState === "disconnected") { reconnect(); }
        });
        return peer.createOffer().then(function (offer) { return peer.setLocalDescription(offer); })
            .then(function () { return gathered(peer); })
            .then(function () {
                return fetch(d.whipUrl, {
                    method: "POST", body: peer.localDescription.sdp, credentials: "same-origin",
                    headers: { "Content-Type": "application/sdp", "X-CSRFToken": cookie("csrftoken") }
                });
            })
            .then(function (response) {
                if (response.status !== 201) {
                    return response.text().then(function (text) { throw new Error(text || response.status); });
                }
                resource = response.headers.get("Location");
                return response.text().then(function (answer) {
                    return peer.setRemoteDescription({ type: "answer", sdp: answer });
                });
            });
    }

    function watchPlaylist() {
        // Without Redis the status frame cannot cross processes: the playlist tells us too.
        var tries = 0;
        var timer = setInterval(function () {
            tries += 1;
            if (stopping || tries > 60) { clearInterval(timer); return; }
            fetch(d.playlistUrl, { cache: "no-store" }).then(function (response) {
                if (response.ok) { clearInterval(timer); say(d.textLive); }
            }).catch(function () {});
        }, 1000);
    }

    function reconnect() {
        if (stopping) { return; }
        say(d.textReconnecting);
        if (pc) { try { pc.close(); } catch (e) { /* closed */ } }
        pc = null;
        retry += 1;
        setTimeout(function () {
            if (stopping) { return; }
            connect().catch(function () { reconnect(); });
        }, Math.min(1000 * retry, 5000));
    }

    startButton.addEventListener("click", function () {
        if (!navigator.mediaDevices || !window.RTCPeerConnection) { say(d.textNoCamera); return; }
        stopping = false;
        say(d.textStarting);
        startButton.disabled = true;
        navigator.mediaDevices.getUserMedia(constraints()).then(function (media) {
            stream = media;
            preview.srcObject = media;
            preview.hidden = false;
            preview.play().catch(function () {});
            startButton.hidden = true;
            flipButton.hidden = muteButton.hidden = stopButton.hidden = false;
            return connect();
        }).catch(function (error) {
            startButton.disabled = false;
            say(error && error.name === "NotAllowedError" ? d.textNoCamera : String(error.message || error));
        });
    });

    flipButton.addEventListener("click", function () {
        facing = facing === "user" ? "environment" : "user";
        navigator.mediaDevices.getUserMedia({ video: constraints().video }).then(function (media) {
            var track = media.getVideoTracks()[0];
            var old = stream.getVideoTracks()[0];
            stream.removeTrack(old); old.stop(); stream.addTrack(track);
            preview.srcObject = stream;
            if (pc) {
                pc.getSenders().forEach(function (sender) {
                    if (sender.track && sender.track.kind === "video") { sender.replaceTrack(track); }
                });
            }
        }).catch(function () {});
    });

    muteButton.addEventListener("click", function () {
        var track = stream && stream.getAudioTracks()[0];
        if (!track) { return; }
        track.enabled = !track.enabled;
        muteButton.textContent = track.enabled ? d.textUnmuted : d.textMuted;
        muteButton.classList.toggle("active", !track.enabled);
    });

    stopButton.addEventListener("click", function () {
        stopping = true;
        var done = function () {
            if (pc) { pc.close(); pc = null; }
            if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
            preview.hidden = true;
            flipButton.hidden = muteButton.hidden = stopButton.hidden = true;
            say(d.textStopped);
        };
        if (!resource) { done(); return; }
        fetch(resource, { method: "DELETE", credentials: "same-origin", headers: { "X-CSRFToken": cookie("csrftoken") } })
            .then(done, done);
    });

    // The live status frame of the host console's socket tells when the first segment is out.
    document.addEventListener("live:media", function (event) {
        if (stopping) { return; }
        if (event.detail === "live") { say(d.textLive); }
    });

    Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
        button.addEventListener("click", function () {
            var input = document.querySelector(button.getAttribute("data-copy"));
            input.select();
            if (navigator.clipboard) { navigator.clipboard.writeText(input.value).catch(function () { document.execCommand("copy"); }); }
            else { document.execCommand("copy"); }
        });
    });
})();
