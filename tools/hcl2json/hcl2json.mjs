#!/usr/bin/env node
// Parses each Terraform file named on the command line with HashiCorp's HCL parser
// (@cdktf/hcl2json) and prints {"<file>": <HCL as JSON>, ...} on stdout.
// Any syntax error: the parser's message (file:line,col) on stderr and exit status 1.
import { readFile } from "node:fs/promises";
import { parse } from "@cdktf/hcl2json";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: hcl2json.mjs FILE.tf...");
  process.exit(2);
}
const parsed = {};
let failed = false;
for (const file of files) {
  try {
    parsed[file] = await parse(file, await readFile(file, "utf8"));
  } catch (e) {
    console.error(String(e?.message ?? e));
    failed = true;
  }
}
if (failed) {
  process.exit(1);
}
process.stdout.write(JSON.stringify(parsed));
