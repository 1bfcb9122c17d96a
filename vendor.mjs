// Builds what the site serves from static/vendor/ out of the packages package-lock.json pins.
// Run through `make vendor` (npm ci first). The output is committed, so a checkout needs no npm.
import { build } from "esbuild";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const OUT = "static/vendor";

function pkg(name) {
  return JSON.parse(readFileSync(join("node_modules", name, "package.json"), "utf8"));
}

function licenseText(name, file, note) {
  const { version, license } = pkg(name);
  const text = readFileSync(join("node_modules", name, file), "utf8").trim();
  const title = note ? `${name} (${note}; license as in sjcl ${version})` : `${name} ${version}`;
  return `${title}, ${license}\n\n${text}\n`;
}

// One ES module per protocol, minified, with a header naming what it holds and a license file
// beside it. `bundles` re-export exactly what the site's pages import.
const bundles = [
  {
    out: "blindrsa.js",
    source: 'export { RSABSSA } from "@cloudflare/blindrsa-ts";\n',
    what: "RFC 9474 RSA blind signatures (RSABSSA)",
    licenses: [
      ["@cloudflare/blindrsa-ts", "LICENSE.txt"],
      ["sjcl", "LICENSE.txt", "the copy built into @cloudflare/blindrsa-ts"],
    ],
  },
  {
    out: "hpke.js",
    source: 'export * from "@hpke/core";\n',
    what: "RFC 9180 Hybrid Public Key Encryption",
    licenses: [
      ["@hpke/core", "LICENSE"],
      ["@hpke/common", "LICENSE"],
    ],
  },
];

mkdirSync(OUT, { recursive: true });
for (const bundle of bundles) {
  const names = bundle.licenses
    .map(([name, , note]) => (note ? `${name} (${note})` : `${name} ${pkg(name).version}`))
    .join(", ");
  await build({
    stdin: { contents: bundle.source, resolveDir: ".", sourcefile: bundle.out },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    banner: {
      js: `/*! ${bundle.what}: ${names}. Licenses: ${bundle.out}.LICENSE.txt */`,
    },
    outfile: join(OUT, bundle.out),
    logLevel: "warning",
  });
  const texts = bundle.licenses.map(([name, file, note]) => licenseText(name, file, note));
  writeFileSync(join(OUT, `${bundle.out}.LICENSE.txt`), texts.join("\n" + "-".repeat(72) + "\n\n"));
}

// Leaflet (maps): its own minified build, stylesheet and images, as published.
const leaflet = join(OUT, "leaflet");
rmSync(leaflet, { recursive: true, force: true });
mkdirSync(leaflet, { recursive: true });
// leaflet.js names its source map; the hashed static storage follows that name, so it comes too.
for (const file of ["leaflet.js", "leaflet.js.map", "leaflet.css"]) {
  cpSync(join("node_modules/leaflet/dist", file), join(leaflet, file));
}
cpSync("node_modules/leaflet/dist/images", join(leaflet, "images"), { recursive: true });
writeFileSync(join(leaflet, "LICENSE.txt"), licenseText("leaflet", "LICENSE"));
