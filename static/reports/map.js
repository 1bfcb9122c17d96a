/* The reports' maps, made movable with the vendored Leaflet where JavaScript runs; without it
   the pages keep the server's SVG map and the number inputs.

   - The list's map (figure[data-reports-map]): the district outlines, the reports of the page
     as numbered pins (the numbers of the list beside it, reachable with the keyboard), and every
     filtered report (`reports:map_data`, GeoJSON) as a small dot.
   - The point picker of the report form (div[data-point-picker]): a click places the point; with
     the keyboard, the arrow keys move the map (Leaflet's own) and Enter or Space places the point
     at the cross in the middle. The point fills the latitude and longitude inputs, and typing
     in those moves the point.

   Tiles only when the site configures a tile server (MAP_TILE_URL, allowed by the CSP then):
   by default no map service learns what a visitor looks at. */
(function () {
    "use strict";
    if (typeof L === "undefined") { return; }

    function readJson(id) {
        var node = document.getElementById(id);
        return node ? JSON.parse(node.textContent) : null;
    }

    var districts = readJson("reports-map-districts");
    var config = readJson("reports-map-config") || {};

    function baseMap(holder, label) {
        holder.setAttribute("aria-label", label);
        var map = L.map(holder, { attributionControl: false, zoomSnap: 0.25, keyboard: true });
        if (config.tile_url) {
            L.tileLayer(config.tile_url, { maxZoom: 19 }).addTo(map);
        }
        var layer = L.geoJSON(districts || { type: "FeatureCollection", features: [] }, {
            style: function () {
                return config.tile_url
                    ? { color: "#4a5260", weight: 1.5, fill: false }
                    : { color: "#4a5260", weight: 1.5, fillColor: "#f3f5f8", fillOpacity: 1 };
            },
            onEachFeature: function (feature, shape) {
                shape.bindTooltip(feature.properties.name, { permanent: true, direction: "center", className: "city-map__label" });
            }
        }).addTo(map);
        return { map: map, bounds: layer.getBounds() };
    }

    function fit(map, bounds) {
        if (bounds.isValid()) { map.fitBounds(bounds, { padding: [12, 12] }); } else { map.setView([49.5, 30.82], 12); }
    }

    function listMap(figure) {
        var holder = document.createElement("div");
        holder.className = "city-map__interactive";
        var title = figure.querySelector("title");
        figure.hidden = true;
        figure.parentNode.insertBefore(holder, figure);
        var made = baseMap(holder, title ? title.textContent : "");
        var map = made.map;
        var bounds = made.bounds;
        var numbered = {};
        (config.places || []).forEach(function (place) {
            numbered[place.url] = true;
            var marker = L.marker([place.latitude, place.longitude], {
                icon: L.divIcon({ className: "city-map__pin", html: String(place.number), iconSize: [24, 24] }),
                title: place.number + ". " + place.title,
                alt: place.number + ". " + place.title,
                zIndexOffset: 1000
            }).addTo(map);
            var link = document.createElement("a");
            link.href = place.url;
            link.textContent = place.number + ". " + place.title;
            marker.bindPopup(link);
            bounds.extend(marker.getLatLng());
        });
        fit(map, bounds);
        if (!config.data_url || !window.fetch) { return; }
        window.fetch(config.data_url, { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (data) {
                if (!data || !data.features) { return; }
                data.features.forEach(function (feature) {
                    var props = feature.properties || {};
                    if (numbered[props.url]) { return; }
                    var c = feature.geometry.coordinates;
                    var dot = L.marker([c[1], c[0]], {
                        icon: L.divIcon({ className: "report-dot", iconSize: [12, 12] }),
                        keyboard: false,
                        title: "#" + props.id + " " + props.title
                    }).addTo(map);
                    var link = document.createElement("a");
                    link.href = props.url;
                    link.textContent = "#" + props.id + " " + props.title + " (" + props.state_name + ")";
                    dot.bindPopup(link);
                });
            })
            .catch(function () { /* the numbered pins and the list stay */ });
    }

    function pointPicker(holder) {
        var latInput = document.getElementById("id_latitude");
        var lonInput = document.getElementById("id_longitude");
        var status = document.getElementById("point-map-status");
        var help = document.getElementById("point-map-help");
        if (!latInput || !lonInput) { return; }
        holder.hidden = false;
        holder.classList.add("point-map");
        if (help) {
            help.hidden = false;
            holder.setAttribute("aria-describedby", "point-map-help");
        }
        var made = baseMap(holder, holder.getAttribute("data-label") || (help ? help.textContent : ""));
        var map = made.map;
        var cross = document.createElement("div");
        cross.className = "point-map__cross";
        cross.setAttribute("aria-hidden", "true");
        holder.appendChild(cross);
        var marker = null;

        function show(latlng, announce) {
            if (marker) { marker.setLatLng(latlng); } else {
                marker = L.marker(latlng, {
                    icon: L.divIcon({ className: "report-pin", iconSize: [18, 18] }),
                    keyboard: false,
                    interactive: false
                }).addTo(map);
            }
            if (announce && status) {
                status.textContent = (holder.getAttribute("data-placed") || "") + " " +
                    latlng.lat.toFixed(6) + ", " + latlng.lng.toFixed(6);
            }
        }

        function place(latlng) {
            latInput.value = latlng.lat.toFixed(6);
            lonInput.value = latlng.lng.toFixed(6);
            show(latlng, true);
        }

        function fromInputs() {
            var lat = parseFloat(latInput.value.replace(",", "."));
            var lon = parseFloat(lonInput.value.replace(",", "."));
            if (isFinite(lat) && isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
                return L.latLng(lat, lon);
            }
            return null;
        }

        var start = fromInputs();
        if (start) {
            show(start, false);
            map.setView(start, 16);
        } else {
            fit(map, made.bounds);
        }
        map.on("click", function (event) { place(event.latlng); });
        holder.addEventListener("keydown", function (event) {
            if (event.target !== holder) { return; }
            if (event.key === "Enter" || event.key === " ") {
                event.preventDefault();
                place(map.getCenter());
            }
        });
        [latInput, lonInput].forEach(function (input) {
            input.addEventListener("change", function () {
                var latlng = fromInputs();
                if (latlng) { show(latlng, false); map.panTo(latlng); }
            });
        });
    }

    var figure = document.querySelector("figure[data-reports-map]");
    if (figure) { listMap(figure); }
    var picker = document.querySelector("div[data-point-picker]");
    if (picker) { pointPicker(picker); }
}());
