// The architecture's rules, checked on the source tree (run by `./dev test core`):
// data flows one way, views → actions → state and storage, and the tree says so.
//
//   node scripts/architecture.mjs [root]     checks the tree at root (default: the project)
//   node scripts/architecture.mjs --self-test  checks that each rule catches a planted violation
//
// Comments are ignored; paths are matched as written in `use` lines and in code.

import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

const MAX_LINES = 800;

/** Every `.rs` file under `dir`, as paths relative to `root` with forward slashes. */
function rustFiles(root, dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.rs')) out.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(join(root, dir));
  return out.sort();
}

/** The code of a Rust file without its comments (line and block) or string contents. */
function code(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\/\/.*$/gm, '');
}

/** A test file: named tests.rs, or under a tests/ or benches/ folder. */
const isTest = (file) => /(^|\/)(tests|benches)\//.test(file) || file.endsWith('/tests.rs');

/** The rules: each a name, the files it applies to, and what those files may not use. */
const RULES = [
  {
    name: 'only lib.rs and the components themselves use the components',
    applies: (f) => f.startsWith('src/') && f !== 'src/lib.rs' && !f.startsWith('src/components/'),
    forbidden: [/\bcomponents::/],
  },
  {
    name: 'views never touch storage (they call actions)',
    applies: (f) => f.startsWith('src/components/'),
    forbidden: [/\bpersist::/, /\bquotemark_store\b/, /\bgloo_storage\b/, /\blocal_storage\s*\(/, /\.store\(\)/],
  },
  {
    name: 'the state knows nothing of actions, storage or views',
    applies: (f) => f.startsWith('src/state/'),
    forbidden: [/\bcrate::(actions|persist|components|keyboard)\b/, /\bquotemark_store\b/],
  },
  {
    name: 'storage knows nothing of the state, actions, views or Leptos',
    applies: (f) => f.startsWith('src/persist/'),
    forbidden: [/\bcrate::(state|actions|components|keyboard)\b/, /\bleptos\b/],
  },
  {
    name: 'actions never use a view',
    applies: (f) => f.startsWith('src/actions/') || f === 'src/keyboard.rs',
    forbidden: [/\bcomponents::/],
  },
  {
    name: 'browser glue, text helpers and the split points use nothing of the app',
    applies: (f) => ['src/browser.rs', 'src/text.rs', 'src/bridge.rs', 'src/later.rs'].includes(f),
    forbidden: [/\bcrate::(state|actions|components|persist|keyboard)\b/, /\bleptos\b/],
  },
  {
    name: 'no write to storage drops its failure',
    applies: (f) => f.startsWith('src/'),
    forbidden: [/let\s+_\s*=\s*[\w.()&*]*store[\w.()]*\.set\s*\(/],
  },
  {
    name: 'the pure crates need no browser',
    applies: (f) => f.startsWith('crates/core/') || f.startsWith('crates/store/'),
    forbidden: [/\b(leptos|web_sys|wasm_bindgen|js_sys|gloo_\w+)\b/],
  },
];

/** Every broken rule in the tree at `root`, as messages. */
export function check(root) {
  const problems = [];
  const files = [...rustFiles(root, 'src'), ...rustFiles(root, 'crates/core/src'), ...rustFiles(root, 'crates/store/src')];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const body = code(text);
    for (const rule of RULES) {
      if (!rule.applies(file)) continue;
      body.split('\n').forEach((line, i) => {
        for (const pattern of rule.forbidden) {
          if (pattern.test(line)) problems.push(`${file}:${i + 1}: ${rule.name}: ${line.trim()}`);
        }
      });
    }
    const lines = text.split('\n').length;
    if (!isTest(file) && lines > MAX_LINES) problems.push(`${file}: ${lines} lines; no source file is over ${MAX_LINES}`);
  }
  for (const crate of ['crates/core', 'crates/store']) {
    let manifest = '';
    try {
      manifest = readFileSync(join(root, crate, 'Cargo.toml'), 'utf8');
    } catch {
      continue;
    }
    for (const dep of ['leptos', 'web-sys', 'wasm-bindgen', 'js-sys', 'gloo-storage']) {
      if (new RegExp(`^\\s*${dep}\\s*=`, 'm').test(manifest)) problems.push(`${crate}/Cargo.toml: the pure crates need no browser: depends on ${dep}`);
    }
  }
  return problems;
}

/** Plants one violation per rule in a scratch tree and checks that each is caught. */
function selfTest() {
  const cases = [
    ['src/actions/x.rs', 'use crate::components::panel::Card;'],
    ['src/components/x.rs', 'let v = crate::persist::load(&*s, &id, now());'],
    ['src/components/y.rs', 'let s = ctx.saving.store();'],
    ['src/state/x.rs', 'use crate::actions::Ctx;'],
    ['src/persist/x.rs', 'use leptos::prelude::*;'],
    ['src/browser.rs', 'use crate::state::DocState;'],
    ['src/actions/y.rs', 'let _ = store.set(&key, &value);'],
    ['crates/core/src/x.rs', 'use web_sys::Element;'],
    ['src/big.rs', 'fn f() {}\n'.repeat(MAX_LINES + 1)],
  ];
  let failed = 0;
  for (const [file, text] of cases) {
    const root = mkdtempSync(join(tmpdir(), 'qm-arch-'));
    try {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), text);
      const problems = check(root);
      if (problems.length === 0) {
        console.error(`self-test: a violation in ${file} was not caught: ${text.slice(0, 60)}`);
        failed++;
      }
      // Comments never count.
      writeFileSync(join(root, file), `// ${text.split('\n')[0]}\n`);
      if (check(root).length > 0) {
        console.error(`self-test: a comment in ${file} was taken for code`);
        failed++;
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  if (failed) process.exit(1);
  console.log(`architecture self-test: ${cases.length} planted violations caught, comments ignored`);
}

if (process.argv[2] === '--self-test') {
  selfTest();
} else {
  const root = process.argv[2] ?? join(import.meta.dirname, '..');
  const problems = check(root);
  if (problems.length) {
    console.error(problems.join('\n'));
    console.error(`\n${problems.length} architecture rule(s) broken (see docs/ARCHITECTURE.md)`);
    process.exit(1);
  }
  console.log('architecture: one-way layers hold, no source file over 800 lines');
}
