// Builds eia/static (served at /assets) from assets/ and the govuk-frontend package.
// The output is not committed: `make setup` runs this on every machine.
import { createHash } from "node:crypto";
import { copyFile, cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
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

// The application script imports GOV.UK Frontend's by a name that carries its fingerprint, as
// eia/assets.py names the files pages link to, so browsers keep it rather than asking again.
const frontend = await readFile(join(govuk, "govuk-frontend.min.js"));
await writeFile(join(out, "govuk-frontend.min.js"), frontend);
const fingerprint = createHash("sha256").update(frontend).digest("hex").slice(0, 12);
const application = await readFile(join(root, "assets", "js", "application.mjs"), "utf8");
await writeFile(join(out, "application.mjs"), application.replace(
  '"./govuk-frontend.min.js"', `"./govuk-frontend.min.js?v=${fingerprint}"`));
await cp(join(root, "assets", "images"), join(out, "images"), { recursive: true });
await copyFile(join(root, "assets", "manifest.json"), join(out, "manifest.json"));

console.log(`Built ${out}`);
