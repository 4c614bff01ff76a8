// First-load JS of a prerendered page, gzip: every <script src> of its HTML in `.next`, gzipped
// at level 9 and summed (Next 16's build output no longer prints the figure). Chunks loaded later
// (the ECharts chunk, via next/dynamic) are not first-load. Run after `next build`:
//   node scripts/first-load-js.mjs qcode-img/usage
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const page = process.argv[2] ?? "qcode-img/usage";
const root = path.resolve(".next");
const html = fs.readFileSync(path.join(root, "server/app", `${page}.html`), "utf8");
const srcs = [...new Set([...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]))];
let raw = 0;
let gz = 0;
for (const src of srcs) {
  const bytes = fs.readFileSync(path.join(root, src.replace(/^\/_next\//, "").replace(/\?.*$/, "")));
  raw += bytes.length;
  gz += zlib.gzipSync(bytes, { level: 9 }).length;
}
console.log(`/${page}: ${srcs.length} scripts, ${(raw / 1024).toFixed(1)} kB raw, ${(gz / 1024).toFixed(1)} kB gzip first-load JS`);
