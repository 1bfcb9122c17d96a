/* The ideas' map, made movable with the vendored Leaflet where JavaScript runs. No tile layer,
   ever: no map service learns what a visitor looks at. The districts are a GeoJSON layer and
   the ideas numbered circles, the same numbers as the list beside the map, which stays. */
(function () {
    "use strict";
    var data = document.getElementById("idea-map-data");
    var figure = document.querySelector(".city-map__drawing");
    if (!data || !figure || typeof L === "undefined") { return; }
    var map = JSON.parse(data.textContent);
    var holder = document.createElement("div");
    holder.className = "city-map__interactive";
    holder.setAttribute("role", "region");
    holder.setAttribute("aria-label", figure.querySelector("title").textContent);
    figure.hidden = true;
    figure.parentNode.insertBefore(holder, figure);

    var leaflet = L.map(holder, { attributionControl: false, zoomSnap: 0.25 });
    var districts = L.geoJSON(map.districts, {
        style: function () { return { color: "#4a5260", weight: 1.5, fillColor: "#f3f5f8", fillOpacity: 1 }; },
        onEachFeature: function (feature, layer) {
            layer.bindTooltip(feature.properties.name, { permanent: true, direction: "center", className: "city-map__label" });
        }
    }).addTo(leaflet);
    var bounds = districts.getBounds();
    map.places.forEach(function (place) {
        var marker = L.marker([place.latitude, place.longitude], {
            icon: L.divIcon({ className: "city-map__pin", html: String(place.number), iconSize: [24, 24] }),
            title: place.number + ". " + place.title,
            alt: place.number + ". " + place.title
        }).addTo(leaflet);
        var link = document.createElement("a");
        link.href = place.url;
        link.textContent = place.number + ". " + place.title;
        marker.bindPopup(link);
        bounds.extend(marker.getLatLng());
    });
    if (bounds.isValid()) { leaflet.fitBounds(bounds, { padding: [12, 12] }); } else { leaflet.setView([49.5, 30.8], 12); }
}());
