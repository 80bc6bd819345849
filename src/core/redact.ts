// Secret redaction for everything that reaches the store, the UI or a file. Pure string work:
// transcripts and shell histories routinely carry passwords and tokens, and clearance only needs
// the shape of a command to learn from it, never the secret itself.
//
// A redacted command must parse exactly like the original: same segments, same program, same
// number of words. So a secret is always replaced by one plain shell word (no quotes, no `<`/`>`,
// no glob characters), and only ever a whole word or the value part of one word is replaced.

/**
 * The placeholder that replaces every secret: a single plain shell word. (`<redacted>` was parsed
 * as a redirection, so `mysql --password=<redacted> -u root` became a different command.)
 */
export const REDACTED = '__REDACTED__';
// The placeholder older versions stored: still recognised in stored text.
const LEGACY_REDACTED = '<redacted>';

/** True when a text carries a redaction placeholder (current or legacy): never an exact rule. */
export function hasRedaction(text: string): boolean {
  return text.includes(REDACTED) || text.includes(LEGACY_REDACTED);
}

// Env names whose values are secrets: any name containing one of these words (AUTHOR is a name).
const SECRET_NAME =
  /(?:PASSWORD|PASSWD|PASSPHRASE|PASS|PWD|TOKEN|SECRET|CREDENTIAL|CREDS?|AUTH(?!OR)|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|_KEY|KEY_|^KEY$|SESSION|COOKIE|DSN|DATABASE_URL)/i;

// Token shapes that are secrets wherever they appear.
const TOKEN_PATTERNS: RegExp[] = [
  /\bsk-ant-[A-Za-z0-9_-]{8,}/g,
  /\bsk-(?:proj-|live_|test_)?[A-Za-z0-9_-]{16,}/g,
  /\b[rp]k_(?:live|test)_[A-Za-z0-9]{16,}/g, // Stripe
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bglpat-[A-Za-z0-9_-]{16,}/g,
  /\bxox[abprs]-[A-Za-z0-9-]{8,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{30,}/g,
  /\bnpm_[A-Za-z0-9]{30,}/g,
  /\bhv[sbr]\.[A-Za-z0-9_-]{20,}/g, // Vault
  /\bdop_v1_[a-f0-9]{32,}/g, // DigitalOcean
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWT
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];

/**
 * Memoize a pure string → string function over short inputs: the same commands, paths and URLs
 * recur thousands of times in a scan, and each redaction runs a dozen regular expressions. Cleared
 * when full, so memory stays bounded.
 */
function memoized(fn: (text: string) => string): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    if (text.length > 512) return fn(text);
    let out = cache.get(text);
    if (out === undefined) {
      out = fn(text);
      if (cache.size >= 4096) cache.clear();
      cache.set(text, out);
    }
    return out;
  };
}

// Shannon entropy in bits per character.
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Long key material with no telling prefix: base64 of random bytes (upper, lower and digits mixed,
 * high entropy) or 64+ hex digits. Git hashes (40 hex), Nix store hashes (lowercase base32) and
 * `sha256:`/`sha512-` digests stay: they are names, not secrets, and rules need them.
 */
function redactKeyMaterial(text: string): string {
  let out = text.replace(
    /(^|[^A-Za-z0-9+/_=-])([A-Za-z0-9+/_-]{32,}={0,2})(?![A-Za-z0-9+/_=-])/g,
    (match, lead: string, run: string) => {
      if (!/[A-Z]/.test(run) || !/[a-z]/.test(run) || !/[0-9].*[0-9]/.test(run)) return match;
      // a path or an identifier has words between its separators; key material does not
      const pieces = run.split(/[/_-]/);
      if (pieces.length > 2 && pieces.every((p) => p.length < 16)) return match;
      return entropy(run) >= 4.3 ? `${lead}${REDACTED}` : match;
    },
  );
  out = out.replace(
    /(^|[^A-Za-z0-9:-])([0-9a-fA-F]{64,})(?![0-9A-Za-z])/g,
    (match, lead: string, run: string, at: number, all: string) =>
      /(?:sha\d+|blake\d+|md5)[:-]?$/i.test(all.slice(Math.max(0, at - 8), at + lead.length))
        ? match
        : `${lead}${REDACTED}`,
  );
  return out;
}

// Names of JSON/form fields whose values are secrets.
const SECRET_FIELD =
  '[A-Za-z0-9_-]*?(?:password|passwd|passphrase|secret|token|api[-_]?key|apikey|auth|authorization|cookie|credentials?|private[-_]?key|session[-_]?id|sessionid)';

const HEADER_NAMES =
  '(?:Proxy-)?Authorization|X-Api-Key|Api-Key|X-Auth-Token|Private-Token|X-Vault-Token|Set-Cookie|Cookie';
const AUTH_SCHEMES = 'Bearer|Basic|Token|Bot|Digest|Negotiate';
const HEADER_HEAD = `\\b(${HEADER_NAMES})(\\s*:\\s*|=)(?!(?:(?:${AUTH_SCHEMES})\\s+)?${REDACTED})(?:(${AUTH_SCHEMES})\\s+)?`;
// in prose a cookie list runs on over `; `; in a command line `;` ends the command (the quoted
// header word is handled whole by redactCredentialOptions)
const HEADER_IN_TEXT = new RegExp(`${HEADER_HEAD}[^\\s'"\\\\;]+(?:;\\s*[^\\s'"\\\\;]+)*;?`, 'gi');
const HEADER_IN_SHELL = new RegExp(`${HEADER_HEAD}[^\\s'"\\\\;]+`, 'gi');
// JSON fields, also escaped inside a double-quoted shell word: {"password":"…"}, {\"token\":\"…\"}
const JSON_FIELD = new RegExp(
  `(\\\\?"${SECRET_FIELD}\\\\?"\\s*:\\s*\\\\?")((?:[^"\\\\]|\\\\[^"])*)(\\\\?")`,
  'gi',
);
// query parameters, form fields and key=value pairs named like secrets: ?token=…, &api_key=…,
// password=… in a libpq connection string, _authToken=… in an npm config line
const KEY_VALUE = new RegExp(`([?&;:\\s'"]|^)(${SECRET_FIELD}|sig|signature|key|pwd)=([^\\s&'"#;]+)`, 'gi');

/** Replace token-shaped secrets, credentials in URLs and auth headers in free text. */
export const redactText = memoized((text) => redactTextNow(text, false));

// `shell`: the text is a command line, so a value never runs past a `;` (that would merge commands).
function redactTextNow(text: string, shell: boolean): string {
  if (text === '') return text;
  let out = text;
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, REDACTED);
  // scheme://user:pass@host → keep the user, drop the password
  out = out.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]+):[^\s@/'"]+@/gi, `$1:${REDACTED}@`);
  // Authorization / API key / cookie headers: the value (in prose a whole cookie list); an auth
  // scheme word is kept so the example still reads as what it was
  out = out.replace(
    shell ? HEADER_IN_SHELL : HEADER_IN_TEXT,
    (_m, name: string, sep: string, scheme?: string) =>
      `${name}${sep}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  );
  out = out.replace(
    JSON_FIELD,
    (_m, head: string, _value: string, close: string) => `${head}${REDACTED}${close}`,
  );
  // a `$…` value is a reference (and cutting `$(cmd …)` short would break the command)
  out = out.replace(KEY_VALUE, (match, lead: string, name: string, value: string) =>
    value === REDACTED || /^[$`]/.test(value) ? match : `${lead}${name}=${REDACTED}`,
  );
  return redactKeyMaterial(out);
}

/** True when an env name's value should never be kept (`PGPASSWORD`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Programs that take a credential on their command line, and how. Data: one row per program family. */
interface CredentialFlags {
  programs: string[];
  /** A word that must follow the program for the flags to mean a credential (`docker login`). */
  sub?: string;
  /** Flags whose next word is the secret. */
  separate: string[];
  /** Flags whose attached rest is the secret (`-pSECRET`, `--password=SECRET`). */
  attached: string[];
  /** The value is `user<sep>secret`: the user part is kept. */
  keepBefore?: string;
  /** Options end at the first plain word (the wrapped command's own flags are not ours). */
  stopAtPositional?: boolean;
  why: string;
}

const CREDENTIAL_FLAGS: CredentialFlags[] = [
  {
    programs: ['sshpass'],
    separate: ['-p'],
    attached: ['-p'],
    stopAtPositional: true,
    why: 'sshpass(1): -p password is given on the command line; the ssh after it has its own -p (port)',
  },
  {
    programs: [
      'mysql',
      'mysqldump',
      'mysqladmin',
      'mysqlimport',
      'mysqlshow',
      'mysqlcheck',
      'mariadb',
      'mariadb-dump',
      'mariadb-admin',
    ],
    separate: [],
    attached: ['-p', '--password='],
    why: 'mysql(1): -pSECRET / --password=SECRET; a bare -p prompts and the next word is the database',
  },
  {
    programs: ['gpg', 'gpg2'],
    separate: ['--passphrase'],
    attached: ['--passphrase='],
    why: 'gpg(1): --passphrase string (--passphrase-file and --passphrase-fd name no secret)',
  },
  {
    programs: ['docker', 'podman', 'nerdctl', 'buildah', 'skopeo', 'helm', 'oras', 'crane', 'az', 'cf'],
    sub: 'login',
    separate: ['-p', '--password'],
    attached: ['--password='],
    why: 'docker login -p/--password, podman/helm registry/oras/az login -p: the registry password',
  },
  {
    programs: ['redis-cli'],
    separate: ['-a', '--pass', '--askpass'],
    attached: [],
    why: 'redis-cli -a password',
  },
  {
    programs: [
      'ldapsearch',
      'ldapmodify',
      'ldapadd',
      'ldapdelete',
      'ldapwhoami',
      'ldappasswd',
      'ldapcompare',
    ],
    separate: ['-w'],
    attached: [],
    why: 'ldapsearch(1): -w passwd (simple authentication)',
  },
  {
    programs: ['zip', 'unzip', 'zipcloak'],
    separate: ['-P', '--password'],
    attached: [],
    why: 'zip(1)/unzip(1): -P password',
  },
  {
    programs: ['7z', '7za', '7zz', '7zr', 'rar', 'unrar'],
    separate: [],
    attached: ['-p'],
    why: '7z/rar: -pPASSWORD',
  },
  {
    programs: ['openssl'],
    separate: ['-passin', '-passout', '-pass', '-password', '-k', '-kfile'],
    attached: [],
    why: 'openssl-passphrase-options(1): pass:password on the command line',
  },
  {
    programs: ['keytool'],
    separate: [
      '-storepass',
      '-keypass',
      '-srcstorepass',
      '-deststorepass',
      '-srckeypass',
      '-destkeypass',
      '-new',
    ],
    attached: [],
    why: 'keytool: keystore and key passwords',
  },
  {
    programs: ['sqlcmd', 'bcp', 'mosquitto_pub', 'mosquitto_sub'],
    separate: ['-P', '--pw'],
    attached: [],
    why: 'sqlcmd/bcp -P password, mosquitto_pub -P password',
  },
  {
    programs: ['mongo', 'mongosh', 'mongodump', 'mongorestore', 'mongoexport', 'mongoimport'],
    separate: ['-p', '--password'],
    attached: ['--password='],
    why: 'mongo shells and tools: -p/--password',
  },
  {
    programs: ['ssh-keygen'],
    separate: ['-N', '-P'],
    attached: [],
    why: 'ssh-keygen(1): -N new_passphrase, -P passphrase',
  },
  {
    programs: ['curl'],
    separate: ['-u', '--user', '-U', '--proxy-user'],
    attached: ['-u', '--user=', '--proxy-user='],
    keepBefore: ':',
    why: 'curl(1): -u user:password',
  },
  {
    programs: ['curl'],
    separate: ['--oauth2-bearer', '-b', '--cookie'],
    attached: ['--oauth2-bearer=', '--cookie='],
    why: 'curl(1): --oauth2-bearer token, -b/--cookie name=value (a value without = is a file name and kept)',
  },
  {
    programs: ['wget'],
    separate: ['--password', '--http-password', '--ftp-password', '--proxy-password'],
    attached: ['--password=', '--http-password=', '--ftp-password=', '--proxy-password='],
    why: 'wget(1): --password and its per-protocol forms',
  },
  {
    programs: ['smbclient', 'rpcclient', 'smbmap'],
    separate: ['-U', '--user'],
    attached: ['--user='],
    keepBefore: '%',
    why: 'smbclient(1): -U username%password',
  },
  {
    programs: ['htpasswd'],
    separate: [],
    attached: [],
    why: 'htpasswd -b file user password: handled below (positional)',
  },
];

const CREDENTIAL_PROGRAMS = new Map<string, CredentialFlags[]>();
for (const row of CREDENTIAL_FLAGS)
  for (const p of row.programs) CREDENTIAL_PROGRAMS.set(p, [...(CREDENTIAL_PROGRAMS.get(p) ?? []), row]);

// One cheap test before any tokenizing: most commands name no credential program and no header.
const MAY_HOLD_CREDENTIALS = new RegExp(
  [
    ...CREDENTIAL_PROGRAMS.keys(),
    'Authorization',
    'Api-Key',
    'Auth-Token',
    'Private-Token',
    'Vault-Token',
    'Cookie',
  ]
    .map((name) => name.replace(/[.*+?^${}()[\]\\]/g, '\\$&'))
    .join('|'),
  'i',
);

interface ShellWord {
  start: number;
  end: number;
  /** The word with quotes removed (approximate: enough to compare with a flag). */
  value: string;
}

/**
 * Split a command into words and segment separators the way bash would for our purposes: quotes
 * and backslashes keep a word together; `; & | ( ) \n` and backticks separate commands; `< >`
 * end a word. Never fails: an unclosed quote runs to the end.
 */
function shellWords(text: string): (ShellWord | null)[] {
  const out: (ShellWord | null)[] = [];
  let i = 0;
  let start = -1;
  let value = '';
  const end = (): void => {
    if (start >= 0) out.push({ start, end: i, value });
    start = -1;
    value = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      end();
      if (ch === '\n') out.push(null);
      i += 1;
    } else if (';&|()`'.includes(ch)) {
      end();
      out.push(null);
      i += 1;
    } else if (ch === '<' || ch === '>') {
      end();
      i += 1;
    } else if (ch === '#' && start < 0) {
      while (i < text.length && text[i] !== '\n') i += 1;
    } else {
      if (start < 0) start = i;
      if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        const stop = close < 0 ? text.length : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
      } else if (ch === '"' || (ch === '$' && text[i + 1] === "'")) {
        const quote = ch === '"' ? '"' : "'";
        let j = i + (ch === '"' ? 1 : 2);
        while (j < text.length && text[j] !== quote) {
          if (text[j] === '\\') j += 1;
          value += text[j] ?? '';
          j += 1;
        }
        i = j + 1;
      } else if (ch === '\\') {
        value += text[i + 1] ?? '';
        i += 2;
      } else {
        value += ch;
        i += 1;
      }
    }
  }
  i = Math.min(i, text.length);
  end();
  return out;
}

const PLAIN = /^[A-Za-z0-9_.@+-]*$/;

/**
 * A value that only refers to a secret (`$TOKEN`, `"${PW}"`, `$(pass show db)`, `` `cat pw` ``):
 * kept, because it holds no secret and a command substitution is a command of its own that the
 * parse must still see.
 */
function isReference(value: string): boolean {
  const bare = /^(["'])(.*)\1$/s.exec(value)?.[2] ?? value;
  return /^(?:\$(?:[A-Za-z_]\w*|\{[^}]*\}|\(.*\))|`.*`)$/s.test(bare);
}
const HEADER_WORD = new RegExp(`^\\s*(${HEADER_NAMES})\\s*:\\s*(?:(${AUTH_SCHEMES})\\s+)?(.*)$`, 'is');

function base(word: string): string {
  const slash = word.lastIndexOf('/');
  return slash < 0 ? word : word.slice(slash + 1);
}

/**
 * Credentials given as program options (`sshpass -p …`, `mysql -p…`, `docker login -p …`,
 * `curl -u user:…`, `gpg --passphrase …`): each secret word (or the value part of an option word)
 * becomes one plain word, so the command keeps its shape. Quoted words that hold a whole command
 * (`bash -c '…'`, `ssh host '…'`) are searched too.
 */
function redactCredentialOptions(text: string, outerQuote = ''): string {
  if (!MAY_HOLD_CREDENTIALS.test(text)) return text;
  // a replacement word that needs quotes takes the quote the surrounding string does not use
  const quote = outerQuote === "'" ? '"' : "'";
  const words = shellWords(text);
  const edits: { start: number; end: number; text: string }[] = [];
  const secret = (value: string, keepBefore: string | undefined): string => {
    if (keepBefore) {
      const at = value.indexOf(keepBefore);
      if (at < 0) return value; // `-u user` alone: curl prompts for the password
      const user = value.slice(0, at);
      return `${PLAIN.test(user) ? user : ''}${keepBefore}${REDACTED}`;
    }
    return REDACTED;
  };
  let segment: ShellWord[] = [];
  const flush = (): void => {
    segment.forEach((word, at) => {
      // -H 'Cookie: a=b; c=d', -H "Authorization: Bearer …": the whole header value, in any program
      const header = HEADER_WORD.exec(word.value);
      if (header) {
        const [, name, scheme, rest = ''] = header;
        const value = `${name}: ${scheme ? `${scheme} ` : ''}${REDACTED}`;
        if (rest.trim() !== '' && !rest.startsWith(REDACTED))
          edits.push({ start: word.start, end: word.end, text: `${quote}${value}${quote}` });
        return;
      }
      // a quoted string with spaces may be a whole command line of its own (`bash -c '…'`,
      // `ssh host '…'`, a rule `"Bash(mysql -p…)",` in a settings diff)
      const raw = text.slice(word.start, word.end);
      let quoted = false;
      for (const m of raw.matchAll(/'[^']*\s[^']*'|"[^"\\]*\s[^"\\]*"/g)) {
        quoted = true;
        const inner = m[0].slice(1, -1);
        const redacted = redactCredentialOptions(inner, m[0][0]);
        const at = word.start + (m.index ?? 0) + 1;
        if (redacted !== inner) edits.push({ start: at, end: at + inner.length, text: redacted });
      }
      if (quoted) return;
      const program = base(word.value);
      if (program === 'htpasswd') {
        // htpasswd -b[other flags] file user password
        const rest = segment.slice(at + 1);
        if (rest.some((w) => /^-[a-zA-Z]*b/.test(w.value))) {
          const plain = rest.filter((w) => !w.value.startsWith('-'));
          const pw = plain[2];
          if (pw) edits.push({ start: pw.start, end: pw.end, text: REDACTED });
        }
        return;
      }
      for (const row of CREDENTIAL_PROGRAMS.get(program) ?? []) {
        const rest = segment.slice(at + 1);
        if (row.sub !== undefined && !rest.some((w) => w.value === row.sub)) continue;
        for (let j = 0; j < rest.length; j += 1) {
          const w = rest[j]!;
          if (row.separate.includes(w.value)) {
            const next = rest[j + 1];
            if (next && !isReference(text.slice(next.start, next.end))) {
              const replaced = secret(next.value, row.keepBefore);
              // curl -b cookies.txt names a cookie jar, not a cookie
              const jar = (w.value === '-b' || w.value === '--cookie') && !next.value.includes('=');
              if (replaced !== next.value && !jar)
                edits.push({ start: next.start, end: next.end, text: replaced });
            }
            j += 1;
            continue;
          }
          const flag = row.attached.find((f) => w.value.startsWith(f) && w.value.length > f.length);
          if (flag) {
            if (isReference(text.slice(w.start + flag.length, w.end))) continue;
            const value = w.value.slice(flag.length);
            const jar = flag === '--cookie=' && !value.includes('=');
            const replaced = secret(value, row.keepBefore);
            if (!jar && replaced !== value)
              edits.push({ start: w.start, end: w.end, text: `${flag}${replaced}` });
            continue;
          }
          if (w.value === '--') break;
          if (row.stopAtPositional && !w.value.startsWith('-')) break;
        }
      }
    });
    segment = [];
  };
  for (const word of words) {
    if (word === null) flush();
    else segment.push(word);
  }
  flush();
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

/** Redact a shell command: credential options, secret env assignments, password flags, headers and token shapes. */
export const redactCommand = memoized(redactCommandNow);

// A shell value: quoted strings and plain characters, concatenated (`"a b"c'd'`).
// A `$(…)` (one level of nesting) is part of the value, so it is never cut in half.
const SHELL_VALUE = `(?:\\$\\((?:[^()]|\\([^()]*\\))*\\)|"(?:[^"\\\\]|\\\\.)*"|'[^']*'|\\\\.|[^\\s;&|)\`'"\\\\])+`;

const ENV_ASSIGNMENT = new RegExp(`(^|[\\s;&|(\`])([A-Za-z_][A-Za-z0-9_]*)=(${SHELL_VALUE})`, 'g');
// a flag named like a secret, in any program (`--no-password`, `--password-stdin`, a value that is
// the next flag: not secrets)
const SECRET_FLAG = new RegExp(
  `((?:^|(?<=[\\s'"=]))--?(?!no-)(?:[a-z0-9]+-)*(?:password|passwd|passphrase|pass|token|api[-_]?key|apikey|secret|client[-_]secret|auth[-_]token|access[-_]token|bearer)(?:=|\\s+))(?!-)(${SHELL_VALUE})`,
  'gi',
);

function redactCommandNow(text: string): string {
  if (text === '') return text;
  let out = redactCredentialOptions(text);
  // NAME=value (also `export NAME=value`, `env NAME=value`, `docker run -e NAME=value`)
  out = out.replace(ENV_ASSIGNMENT, (match, lead: string, name: string, value: string) =>
    isSecretName(name) && value !== REDACTED && !isReference(value) ? `${lead}${name}=${REDACTED}` : match,
  );
  // the same inside a quoted command (`bash -c 'PGPASSWORD=x psql'`): the value stops at the quote
  out = out.replace(
    /(['"])([A-Za-z_][A-Za-z0-9_]*)=([^\s;&|)`'"\\]+)/g,
    (match, lead: string, name: string, value: string) =>
      isSecretName(name) && value !== REDACTED && !/^[$`]/.test(value) ? `${lead}${name}=${REDACTED}` : match,
  );
  // --password=x, --password x, --db-password x, --passphrase x, --token x, --api-key x, --secret x
  out = out.replace(SECRET_FLAG, (match, flag: string, value: string) =>
    value === REDACTED || isReference(value) ? match : `${flag}${REDACTED}`,
  );
  return redactTextNow(out, true);
}

/**
 * Redact a multi-line text line by line as command lines: a settings diff or file excerpt (rules
 * the user wrote, an `env` block) before it is shown.
 */
export function redactLines(text: string): string {
  return text
    .split('\n')
    .map((line) => redactCommand(line))
    .join('\n');
}

// Input keys whose values are file contents: not needed for learning and a leak risk.
const CONTENT_KEYS = new Set([
  'content',
  'old_string',
  'new_string',
  'new_source',
  'edits',
  'contents',
  'text',
]);
const KEEP_CONTENT_CHARS = 0;
// Input keys whose string values are secrets whatever they look like.
const SECRET_KEY =
  /^(?:.*[-_])?(?:password|passwd|passphrase|secret|client[-_]?secret|token|access[-_]?token|refresh[-_]?token|auth[-_]?token|api[-_]?key|apikey|authorization|proxy[-_]authorization|cookie|credentials?|private[-_]?key)$/i;

/**
 * Redact a tool input deeply: Bash `command` via redactCommand, file contents (Write `content`,
 * Edit `old_string`/`new_string`, MultiEdit `edits`) dropped, every other string via redactText.
 */
/**
 * Characters of a command kept. Learning needs a command's shape, and a heredoc writing a file can
 * be megabytes: past this the command is cut (and marked) before redaction, parsing and storage, so
 * one 50 MB command costs what a 64 KB one does. A cut command is never parsed into rule evidence:
 * what follows the cut could change what the command does.
 */
export const COMMAND_CAP = 64 * 1024;

const CUT_MARK = /\n… <\d+ chars cut by clearance>$/;

/** The command as stored: itself when short, else its head (at a word break) and a mark. */
export function capCommand(text: string): string {
  if (text.length <= COMMAND_CAP) return text;
  const head = text.slice(0, COMMAND_CAP);
  // cut at a word break, so no secret is cut into a piece too short to look like one
  const brk = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\n'));
  const kept = brk > COMMAND_CAP - 1024 ? head.slice(0, brk) : head;
  return `${kept}${cutMark(text.length - kept.length)}`;
}

/** True for a command capCommand cut: only its head is known. */
export function isCutCommand(text: string): boolean {
  // the mark alone: a command that really ends so loses only its segments (the safe direction)
  return CUT_MARK.test(text);
}

/** The mark capCommand ends a cut command with (`n`: how much was cut). */
export function cutMark(n: number): string {
  return `\n… <${n} chars cut by clearance>`;
}

export function redactInput(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (CONTENT_KEYS.has(key)) {
      out[key] =
        typeof value === 'string'
          ? `${value.slice(0, KEEP_CONTENT_CHARS)}<${value.length} chars omitted>`
          : '<omitted>';
    } else if (SECRET_KEY.test(key) && typeof value === 'string' && value !== '') {
      // an MCP tool's `{password: …}` or `headers: {Authorization: …}`: the key says what it is
      out[key] = REDACTED;
    } else if (key === 'command' || key === 'full_command' || key === 'bash_command') {
      out[key] = typeof value === 'string' ? redactCommand(capCommand(value)) : redactValue(value);
    } else {
      out[key] = redactValue(value);
    }
  }
  return out;
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object') return redactInput(value as Record<string, unknown>);
  return value;
}
