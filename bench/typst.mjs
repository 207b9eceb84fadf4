// Compiles a Typst source to PDF with @myriaddreamin/typst-ts-node-compiler,
// once, in a fresh process, so that bench/run.sh times Typst from start to
// PDF written as it times `broadsheet render`.
//
//   node bench/typst.mjs MAIN.typ FONTDIR OUT.pdf
// NODE_PATH must name the node_modules the compiler was installed into.
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { resolve, dirname } from "node:path";

const [main, fontDir, out] = process.argv.slice(2);
const require = createRequire(resolve(process.env.NODE_PATH || ".", "x.js"));
const { NodeCompiler } = require("@myriaddreamin/typst-ts-node-compiler");
const compiler = NodeCompiler.create({
  workspace: resolve(dirname(main), ".."),
  fontArgs: [{ fontPaths: [resolve(fontDir)] }],
});
const pdf = compiler.pdf({ mainFilePath: resolve(main) });
writeFileSync(out, pdf);
