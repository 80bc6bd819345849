// Vendored from @replit/codemirror-lang-nix 6.0.1 (src/tokens.ts, MIT, see LICENSE), with the
// indented-string fixes described in README.md. Changes are marked "clearance:".
import { ExternalTokenizer } from '@lezer/lr';
import {
  strContent,
  indStrContent,
  strDollarBrace,
  indStrDollarBrace,
  strEnd,
  indStrEnd,
  escapeSequence,
} from './parser.terms.js';

const quote = 34,
  backslash = 92,
  braceL = 123,
  dollar = 36,
  apostrophe = 39;

/** Scans the body of a `"…"` string: content, `${`, `\` escapes and the closing quote. */
export const scanString = new ExternalTokenizer((input) => {
  for (let afterDollar = false, i = 0; ; i++) {
    const { next } = input;
    if (next < 0) {
      if (i > 0) input.acceptToken(strContent);
      break;
    } else if (next === quote) {
      if (i > 0) input.acceptToken(strContent);
      else input.acceptToken(strEnd, 1);
      break;
    } else if (next === braceL && afterDollar) {
      if (i == 1) input.acceptToken(strDollarBrace, 1);
      else input.acceptToken(strContent, -1);
      break;
    } else if (next === backslash) {
      input.advance();
      input.acceptToken(escapeSequence, 1);
    }
    afterDollar = next === dollar;
    input.advance();
  }
});

/** Scans the body of a `''…''` string: content, `${`, and the closing `''`. */
export const scanIndString = new ExternalTokenizer((input) => {
  for (let afterDollar = false, afterApostrophe = false, i = 0; ; i++) {
    const { next } = input;
    if (next < 0) {
      if (i > 0) input.acceptToken(indStrContent);
      break;
    } else if (next === apostrophe && afterApostrophe) {
      // clearance: Nix escapes inside '' strings (''$  '''  ''\x) are content, not the string end.
      const after = input.peek(1);
      if (after === dollar || after === apostrophe || after === backslash) {
        input.advance();
        input.advance();
        if (after === backslash && input.next >= 0) input.advance();
        afterDollar = false;
        afterApostrophe = false;
        continue;
      }
      if (i > 1) input.acceptToken(indStrContent, -1);
      else input.acceptToken(indStrEnd, 1);
      break;
    } else if (next === braceL && afterDollar) {
      if (i == 1) input.acceptToken(indStrDollarBrace, 1);
      else input.acceptToken(indStrContent, -1);
      break;
    }
    // clearance: a backslash is not an escape inside '' strings (upstream treated it as one).
    afterDollar = next === dollar;
    afterApostrophe = next === apostrophe;
    input.advance();
  }
});
