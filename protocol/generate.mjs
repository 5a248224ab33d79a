// Rebuilds LiveKit's .proto files from the runtime reflection of the pinned
// @livekit/protocol npm package (which ships protoc-gen-es output, not .proto text).
//
//   node generate.mjs <out-dir> [--reflection <file.json>]
//
// Writes one .proto per generated module into <out-dir> (keeping sub-folders such as
// agent/), and optionally a canonical JSON dump of the reflection that the fidelity
// test compares with the C++ descriptor pool.
import { readdirSync, readFileSync, mkdirSync, writeFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const genRoot = join(here, "node_modules", "@livekit", "protocol", "src", "gen");

const args = process.argv.slice(2);
const outDir = args[0];
const reflectionIdx = args.indexOf("--reflection");
const reflectionOut = reflectionIdx >= 0 ? args[reflectionIdx + 1] : null;
if (!outDir) {
  console.error("usage: node generate.mjs <out-dir> [--reflection <file.json>]");
  process.exit(2);
}

const SCALAR = {
  1: "double", 2: "float", 3: "int64", 4: "uint64", 5: "int32", 6: "fixed64",
  7: "fixed32", 8: "bool", 9: "string", 12: "bytes", 13: "uint32", 15: "sfixed32",
  16: "sfixed64", 17: "sint32", 18: "sint64",
};
// Scalars that proto3 packs by default when repeated.
const PACKABLE = new Set([1, 2, 3, 4, 5, 6, 7, 8, 13, 15, 16, 17, 18]);
const WELL_KNOWN = {
  "google.protobuf.Timestamp": "google/protobuf/timestamp.proto",
  "google.protobuf.Duration": "google/protobuf/duration.proto",
  "google.protobuf.Struct": "google/protobuf/struct.proto",
  "google.protobuf.Value": "google/protobuf/struct.proto",
  "google.protobuf.ListValue": "google/protobuf/struct.proto",
  "google.protobuf.Any": "google/protobuf/any.proto",
  "google.protobuf.Empty": "google/protobuf/empty.proto",
};

function listModules(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listModules(p));
    else if (name.endsWith("_pb.js")) out.push(p);
  }
  return out;
}

function enumTypeOf(obj) {
  if (!obj || typeof obj !== "object") return null;
  for (const sym of Object.getOwnPropertySymbols(obj)) {
    const v = obj[sym];
    if (v && typeof v.typeName === "string" && Array.isArray(v.values)) return v;
  }
  return null;
}

// Deprecation is only recorded in the .d.ts JSDoc: "@generated from field: ... [deprecated = true];"
function deprecations(dtsPath) {
  const fields = new Set(), values = new Set(), types = new Set();
  let text;
  try { text = readFileSync(dtsPath, "utf8"); } catch { return { fields, values, types }; }
  let current = null;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let m = line.match(/@generated from (message|enum) ([\w.]+)/);
    if (m) {
      current = m[2];
      // A deprecated type carries "@deprecated" in the same comment block.
      for (let j = i + 1; j < lines.length && !lines[j].includes("*/"); j++) {
        if (lines[j].includes("@deprecated")) types.add(current);
      }
      continue;
    }
    m = line.match(/@generated from field: .*?(\w+) = (\d+) \[.*deprecated = true/);
    if (m && current) { fields.add(`${current}#${m[2]}`); continue; }
    m = line.match(/@generated from enum value: (\w+) = (-?\d+) \[.*deprecated = true/);
    if (m && current) values.add(`${current}#${m[1]}`);
  }
  return { fields, values, types };
}

const files = []; // { path, pkg, types: [{kind, typeName, value}], dep }
const typeFile = new Map(); // typeName -> proto path

for (const modPath of listModules(genRoot)) {
  const src = readFileSync(modPath, "utf8");
  const header = src.match(/@generated from file (\S+) \(package ([\w.]+), syntax (\w+)\)/);
  if (!header) throw new Error(`no file header in ${modPath}`);
  const [, protoPath, pkg, syntax] = header;
  if (syntax !== "proto3") throw new Error(`${protoPath}: syntax ${syntax} is not supported`);
  const order = [...src.matchAll(/@generated from (message|enum) ([\w.]+)/g)].map((m) => m[2]);
  const mod = await import(pathToFileURL(modPath).href);
  const byName = new Map();
  for (const value of Object.values(mod)) {
    if (value && typeof value.typeName === "string" && value.fields) {
      byName.set(value.typeName, { kind: "message", typeName: value.typeName, value });
    } else {
      const et = enumTypeOf(value);
      if (et) byName.set(et.typeName, { kind: "enum", typeName: et.typeName, value: et });
    }
  }
  const types = order.map((n) => {
    const t = byName.get(n);
    if (!t) throw new Error(`${protoPath}: ${n} is declared but not exported`);
    return t;
  });
  if (types.length !== byName.size) throw new Error(`${protoPath}: exports and declarations differ`);
  for (const t of types) typeFile.set(t.typeName, protoPath);
  files.push({ path: protoPath, pkg, types, dep: deprecations(modPath.replace(/\.js$/, ".d.ts")) });
}

function fieldTypeName(kind, T) {
  if (kind === "scalar") return SCALAR[T];
  return "." + T.typeName; // fully qualified: short names resolve to the wrong type
}

function localName(typeName, pkg) {
  return typeName.slice(pkg.length + 1);
}

function renderFile(file) {
  const imports = new Set();
  const note = (typeName) => {
    const p = WELL_KNOWN[typeName] ?? typeFile.get(typeName);
    if (!p) throw new Error(`${file.path}: unknown type ${typeName}`);
    if (p !== file.path) imports.add(p);
  };
  // Build the nesting tree: "A.B" is nested in "A".
  const nodes = new Map();
  const roots = [];
  for (const t of file.types) {
    const local = localName(t.typeName, file.pkg);
    const node = { ...t, local, short: local.split(".").pop(), children: [] };
    nodes.set(local, node);
    const parent = local.includes(".") ? local.slice(0, local.lastIndexOf(".")) : null;
    if (parent) {
      const p = nodes.get(parent);
      if (!p) throw new Error(`${file.path}: ${t.typeName} precedes its parent`);
      p.children.push(node);
    } else roots.push(node);
  }

  const lines = [];
  const emit = (depth, text) => lines.push("  ".repeat(depth) + text);

  function fieldLine(f, typeName) {
    const opts = [];
    if (f.jsonName !== protocJsonName(f.name)) opts.push(`json_name = "${f.jsonName}"`);
    if (f.repeated && f.kind !== "map" && (f.kind === "enum" || (f.kind === "scalar" && PACKABLE.has(f.T))) && !f.packed) {
      opts.push("packed = false");
    }
    if (file.dep.fields.has(`${f.parent}#${f.no}`)) opts.push("deprecated = true");
    const label = f.kind === "map" ? "" : f.repeated ? "repeated " : f.opt ? "optional " : "";
    return `${label}${typeName} ${f.name} = ${f.no}${opts.length ? ` [${opts.join(", ")}]` : ""};`;
  }

  function renderEnum(node, depth) {
    const values = node.value.values;
    const numbers = new Set();
    let alias = false;
    for (const v of values) { if (numbers.has(v.no)) alias = true; numbers.add(v.no); }
    emit(depth, `enum ${node.short} {`);
    if (alias) emit(depth + 1, "option allow_alias = true;");
    for (const v of values) {
      const dep = file.dep.values.has(`${node.typeName}#${v.name}`) ? " [deprecated = true]" : "";
      emit(depth + 1, `${v.name} = ${v.no}${dep};`);
    }
    emit(depth, "}");
  }

  function renderMessage(node, depth) {
    emit(depth, `message ${node.short} {`);
    if (file.dep.types.has(node.typeName)) emit(depth + 1, "option deprecated = true;");
    for (const child of node.children) {
      if (child.kind === "enum") renderEnum(child, depth + 1);
      else renderMessage(child, depth + 1);
    }
    const fields = node.value.fields.list();
    const writtenOneofs = new Set();
    for (const f0 of fields) {
      const f = { ...f0, parent: node.typeName };
      if (f.oneof) {
        if (writtenOneofs.has(f.oneof.name)) continue;
        writtenOneofs.add(f.oneof.name);
        emit(depth + 1, `oneof ${f.oneof.name} {`);
        for (const m0 of f.oneof.fields) {
          const m = { ...m0, parent: node.typeName };
          if (m.kind !== "scalar") note(m.T.typeName);
          emit(depth + 2, fieldLine(m, fieldTypeName(m.kind, m.T)));
        }
        emit(depth + 1, "}");
        continue;
      }
      let typeName;
      if (f.kind === "map") {
        const v = f.V;
        if (v.kind !== "scalar") note(v.T.typeName);
        typeName = `map<${SCALAR[f.K]}, ${fieldTypeName(v.kind, v.T)}>`;
      } else {
        if (f.kind !== "scalar") note(f.T.typeName);
        typeName = fieldTypeName(f.kind, f.T);
      }
      emit(depth + 1, fieldLine(f, typeName));
    }
    emit(depth, "}");
  }

  for (const r of roots) {
    if (r.kind === "enum") renderEnum(r, 0);
    else renderMessage(r, 0);
    lines.push("");
  }
  const head = [
    "// Generated by protocol/generate.mjs from @livekit/protocol reflection. Do not edit.",
    'syntax = "proto3";',
    "",
    `package ${file.pkg};`,
    "",
    ...[...imports].sort().map((p) => `import "${p}";`),
    "",
  ];
  return head.concat(lines).join("\n");
}

// protoc's default json_name: drop underscores, upper-case the letter after one.
function protocJsonName(name) {
  let out = "";
  let upper = false;
  for (const c of name) {
    if (c === "_") { upper = true; continue; }
    out += upper ? c.toUpperCase() : c;
    upper = false;
  }
  return out;
}

// Canonical description of every type, shared with tests/protocol/fidelity_test.cc.
function describeField(f, parent, dep) {
  const d = {
    number: f.no, name: f.name, json_name: f.jsonName,
    label: f.repeated || f.kind === "map" ? "repeated" : "optional",
    proto3_optional: !!f.opt,
    oneof: f.oneof ? f.oneof.name : "",
    deprecated: dep.fields.has(`${parent}#${f.no}`),
  };
  if (f.kind === "map") {
    d.type = "map";
    d.map_key = SCALAR[f.K];
    d.map_value = f.V.kind === "scalar" ? SCALAR[f.V.T] : `${f.V.kind}:${f.V.T.typeName}`;
  } else {
    d.type = f.kind === "scalar" ? SCALAR[f.T] : `${f.kind}:${f.T.typeName}`;
    d.packed = !!(f.repeated && (f.kind === "enum" || (f.kind === "scalar" && PACKABLE.has(f.T))) && f.packed);
  }
  return d;
}

mkdirSync(outDir, { recursive: true });
const reflection = { package_version: JSON.parse(readFileSync(join(genRoot, "..", "..", "package.json"), "utf8")).version, files: [] };
for (const file of files) {
  const target = join(outDir, file.path);
  mkdirSync(dirname(target), { recursive: true });
  const text = renderFile(file);
  let old = null;
  try { old = readFileSync(target, "utf8"); } catch {}
  if (old !== text) writeFileSync(target, text); // unchanged files keep their timestamps
  const desc = { path: file.path, package: file.pkg, messages: [], enums: [] };
  for (const t of file.types) {
    if (t.kind === "enum") {
      desc.enums.push({ name: t.typeName, values: t.value.values.map((v) => ({ name: v.name, number: v.no })) });
    } else {
      desc.messages.push({
        name: t.typeName,
        fields: t.value.fields.list().map((f) => describeField(f, t.typeName, file.dep)),
      });
    }
  }
  reflection.files.push(desc);
}
if (reflectionOut) {
  mkdirSync(dirname(resolve(reflectionOut)), { recursive: true });
  writeFileSync(reflectionOut, JSON.stringify(reflection, null, 1) + "\n");
}
const count = (k) => reflection.files.reduce((n, f) => n + f[k].length, 0);
console.log(`protocol ${reflection.package_version}: ${files.length} files, ${count("messages")} messages, ${count("enums")} enums -> ${relative(process.cwd(), outDir) || "."}`);
