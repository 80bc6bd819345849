import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
const require = createRequire(import.meta.url);
let loading;
/**
 * The tree-sitter-bash parser, loaded once per process (WASM init is async; parsing after it is
 * synchronous and takes ~0.03 ms a command). tree-sitter-bash is also what Claude Code parses with,
 * so segments split where Claude Code splits them.
 */
export function loadBashParser() {
    loading ??= (async () => {
        await Parser.init();
        const language = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
        const parser = new Parser();
        parser.setLanguage(language);
        return parser;
    })();
    return loading;
}
//# sourceMappingURL=bash-grammar.js.map