// sed and awk are text tools until their program says otherwise: sed's `e` command and `s///e`
// run a command, `w`/`W`/`s///w` and `-i` write files; awk's system(), `| "cmd"` / `"cmd" |
// getline` run commands and `print > file` writes. These read the program as the tools do;
// anything they cannot read is taken for the worst.

/** What a program text can do beyond printing. */
export type TextProgramRisk = 'inline-code' | 'file-write' | null;

const worse = (a: TextProgramRisk, b: TextProgramRisk): TextProgramRisk =>
  a === 'inline-code' || b === 'inline-code' ? 'inline-code' : (a ?? b);

/** sed argv (after the program name): the risk of its scripts and flags. */
export function sedRisk(args: readonly string[]): TextProgramRisk {
  let risk: TextProgramRisk = null;
  const scripts: string[] = [];
  let explicit = false;
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? '';
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a === '-e' || a === '--expression') {
      scripts.push(args[i + 1] ?? '');
      explicit = true;
      i += 1;
    } else if (a.startsWith('--expression=')) {
      scripts.push(a.slice('--expression='.length));
      explicit = true;
    } else if (a === '-f' || a === '--file' || a.startsWith('--file=')) {
      return 'inline-code'; // a script file we cannot read
    } else if (a === '-l' || a === '--line-length') i += 1;
    else if (
      a.startsWith('--in-place') ||
      (/^-[A-Za-z]+/.test(a) && !a.startsWith('--') && /^-[nrEsuzl0-9]*i/.test(a))
    )
      risk = worse(risk, 'file-write');
    else if (/^-[A-Za-z]*e$/.test(a) && !a.startsWith('--')) {
      // `-ne 'script'`: the flag cluster ends in e, the script follows
      scripts.push(args[i + 1] ?? '');
      explicit = true;
      i += 1;
    } else if (!a.startsWith('-') || a === '-') positionals.push(a);
  }
  if (!explicit && positionals[0] !== undefined) scripts.push(positionals[0]);
  for (const script of scripts) risk = worse(risk, sedScriptRisk(script));
  return risk;
}

/** Read one delimited part (`/re/` or the parts of s///); returns the index after the closing delimiter, or -1. */
function skipDelimited(text: string, from: number, delim: string): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === delim) return i + 1;
    else if (c === '\n' && delim !== '\n') return -1;
    else i += 1;
  }
  return -1;
}

function skipToLineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl + 1;
}

/** The risk of one sed script, command by command (GNU sed's grammar). */
export function sedScriptRisk(script: string): TextProgramRisk {
  let risk: TextProgramRisk = null;
  let i = 0;
  const n = script.length;
  const skipAddress = (): boolean => {
    const c = script[i] ?? '';
    if (/[0-9]/.test(c)) {
      while (/[0-9~]/.test(script[i] ?? '')) i += 1;
    } else if (c === '$') i += 1;
    else if (c === '/' || c === '\\') {
      const delim = c === '\\' ? (script[i + 1] ?? '') : '/';
      const end = skipDelimited(script, i + (c === '\\' ? 2 : 1), delim);
      if (end < 0) return false;
      i = end;
      while (/[IM]/.test(script[i] ?? '')) i += 1;
    } else if (c === '+' || c === '~') {
      i += 1;
      while (/[0-9]/.test(script[i] ?? '')) i += 1;
    }
    return true;
  };
  while (i < n) {
    while (i < n && /[\s;]/.test(script[i] ?? '')) i += 1;
    if (i >= n) break;
    if (!skipAddress()) return 'inline-code';
    if (script[i] === ',') {
      i += 1;
      if (!skipAddress()) return 'inline-code';
    }
    while (/[\s!]/.test(script[i] ?? '')) i += 1;
    const c = script[i] ?? '';
    if (c === '') break;
    if (c === '{' || c === '}') {
      i += 1;
    } else if (c === '#') {
      i = skipToLineEnd(script, i);
    } else if (c === ':' || c === 'b' || c === 't' || c === 'T' || c === 'v') {
      i += 1;
      while (i < n && !/[;\n}]/.test(script[i] ?? '')) i += 1;
    } else if (c === 'a' || c === 'i' || c === 'c') {
      // text to the end of the line (backslash-newline continues it)
      i += 1;
      while (i < n && script[i] !== '\n') i += script[i] === '\\' ? 2 : 1;
    } else if (c === 's' || c === 'y') {
      const delim = script[i + 1] ?? '';
      if (delim === '' || delim === '\n' || delim === '\\') return 'inline-code';
      let at = skipDelimited(script, i + 2, delim);
      if (at < 0) return 'inline-code';
      at = skipDelimited(script, at, delim);
      if (at < 0) return 'inline-code';
      i = at;
      if (c === 's') {
        while (i < n && /[gpiImMe0-9w]/.test(script[i] ?? '')) {
          const flag = script[i];
          if (flag === 'e') risk = worse(risk, 'inline-code');
          if (flag === 'w') {
            risk = worse(risk, 'file-write');
            i = skipToLineEnd(script, i);
            break;
          }
          i += 1;
        }
      }
    } else if (c === 'e') {
      return 'inline-code';
    } else if (c === 'w' || c === 'W') {
      risk = worse(risk, 'file-write');
      i = skipToLineEnd(script, i);
    } else if (c === 'r' || c === 'R') {
      i = skipToLineEnd(script, i);
    } else if (c === 'q' || c === 'Q' || c === 'l' || c === 'L') {
      i += 1;
      while (/[\s0-9]/.test(script[i] ?? '') && script[i] !== '\n') i += 1;
    } else if (/[=dDgGhHnNpPxzF]/.test(c)) {
      i += 1;
    } else {
      return 'inline-code'; // not a sed command we know: assume the worst
    }
  }
  return risk;
}

/** awk argv (after the program name): the risk of its program. */
export function awkRisk(args: readonly string[]): TextProgramRisk {
  let program: string | null = null;
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? '';
    if (a === '-f' || a === '--file' || a.startsWith('--file=') || a === '-E' || a === '--exec')
      return 'inline-code';
    if (a === '-e' || a === '--source') {
      program = `${program ?? ''}\n${args[i + 1] ?? ''}`;
      i += 1;
    } else if (a === '-F' || a === '-v' || a === '--assign' || a === '--field-separator') i += 1;
    else if (a === '--') {
      program ??= args[i + 1] ?? '';
      break;
    } else if (!a.startsWith('-') && program === null) {
      program = a;
    }
  }
  return program === null ? null : awkProgramRisk(program);
}

/** The risk of an awk program text. String literals are removed first; what is left is read for commands and redirections. */
export function awkProgramRisk(program: string): TextProgramRisk {
  const code = program.replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
  if (/\bsystem\s*\(/.test(code) || /@load|@include/.test(code)) return 'inline-code';
  if (/\|&?/.test(code.replace(/\|\|/g, ''))) return 'inline-code';
  if (/\bprintf?\b[^;{}\n]*>/.test(code)) return 'file-write';
  return null;
}
