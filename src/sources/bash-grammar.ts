import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
let loading: Promise<Parser> | undefined;

/**
 * The tree-sitter-bash parser, loaded once per process (WASM init is async; parsing after it is
 * synchronous and takes ~0.03 ms a command). tree-sitter-bash is also what Claude Code parses with,
 * so segments split where Claude Code splits them.
 */
export function loadBashParser(): Promise<Parser> {
  loading ??= (async () => {
    // Keep the grammar on V8's baseline WebAssembly compiler. Its lexer is one 160 KB function:
    // optimising it took TurboFan ~0.7 s of CPU and ~60 MB in the background of every scan, on
    // the core the scan's reader thread needs, for parses that take ~0.1 ms either way. The flag
    // only concerns WebAssembly compiled from here on, and tree-sitter is clearance's only module.
    v8.setFlagsFromString('--liftoff-only');
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return loading;
}
