// Builds eia/static (served at /assets) from assets/ and the govuk-frontend package.
// The output is not committed: `make setup` runs this on every machine.
import { copyFile, cp, mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, "eia", "static");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

await rm(out, { recursive: true, force: true });
await mkdir(join(out, "images"), { recursive: true });

const css = sass.compile(join(root, "assets", "scss", "application.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
await writeFile(join(out, "application.css"), css.css);

await copyFile(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
await copyFile(join(root, "assets", "js", "application.mjs"), join(out, "application.mjs"));
await cp(join(root, "assets", "images"), join(out, "images"), { recursive: true });
await copyFile(join(root, "assets", "manifest.json"), join(out, "manifest.json"));

console.log(`Built ${out}`);
