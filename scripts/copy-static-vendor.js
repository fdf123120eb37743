// Copies the browser files the map needs from node_modules into static/vendor, which Streamlit serves at
// /app/static/vendor/... (server.enableStaticServing). Run by `npm ci` (postinstall); plain node, no packages.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const target = path.join(root, "static", "vendor");

// [source inside node_modules, destination inside static/vendor]; keep in sync with dashboard/assets.py.
const FILES = [
  ["leaflet/dist/leaflet.js", "leaflet/leaflet.js"],
  ["leaflet/dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet/dist/images/layers.png", "leaflet/images/layers.png"],
  ["leaflet/dist/images/layers-2x.png", "leaflet/images/layers-2x.png"],
  ["leaflet/dist/images/marker-icon.png", "leaflet/images/marker-icon.png"],
  ["leaflet/dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"],
  ["leaflet/dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"],
  ["leaflet/LICENSE", "leaflet/LICENSE"],
];

for (const [from, to] of FILES) {
  const source = path.join(root, "node_modules", from);
  const destination = path.join(target, to);
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  fs.copyFileSync(source, destination);
}
console.log(`Copied ${FILES.length} files to ${path.relative(root, target)}`);
