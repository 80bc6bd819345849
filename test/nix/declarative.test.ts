// Declarative mode end to end: ~/.claude/settings.json is a link into the Nix store (as
// home-manager's programs.claude-code makes it), `apply` writes clearance's Nix file instead, the
// real home-manager (from the snapshot) evaluated with that file imported holds the new rules
// merged with the user's own, and `undo` restores the file.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executeApply, planApply, undoApply } from '../../src/app/apply.js';
import { nixParseProblem, nixStoreLinkTarget } from '../../src/writers/nix-settings-writer.js';
import { runCli } from '../helpers/run-cli.js';
import { suggestion, testContext } from '../helpers/suggestion-builder.js';
import { cleanSnapshots, evalJson, skipReason } from './real/harness.js';

afterAll(() => cleanSnapshots());

const HASH = '0123456789abcdfghijklmnpqrsvwxyz'; // 32 characters of Nix's base-32 alphabet

/** A home whose ~/.claude/settings.json links into a stand-in store inside it, and a config dir. */
function declarativeHome() {
  const ctx0 = testContext();
  const home = ctx0.home;
  const store = path.join(home, 'nix', 'store', `${HASH}-claude-code-settings-directory`);
  mkdirSync(store, { recursive: true });
  const generated = JSON.stringify({ permissions: { allow: ['Bash(git status)'] } }, null, 2);
  writeFileSync(path.join(store, 'settings.json'), generated);
  mkdirSync(path.join(home, '.claude'));
  symlinkSync(path.join(store, 'settings.json'), path.join(home, '.claude', 'settings.json'));
  const config = path.join(home, 'nixos-config');
  mkdirSync(config);
  // The user's own home-manager configuration: their own rules, and the clearance file imported.
  writeFileSync(
    path.join(config, 'home.nix'),
    [
      '{ ... }:',
      '{',
      '  imports = [ ./clearance.nix ];',
      '  programs.claude-code = {',
      '    enable = true;',
      '    settings.permissions.allow = [',
      '      "Bash(git status)"',
      '      "Bash(git push *)"',
      '    ];',
      '  };',
      '}',
      '',
    ].join('\n'),
  );
  const nixFile = path.join(config, 'clearance.nix');
  const ctx = testContext({ home, flags: { nixFile } });
  return { ctx, home, config, nixFile, settings: path.join(home, '.claude', 'settings.json') };
}

describe('declarative mode (no Nix needed)', () => {
  it('recognises a link into a Nix store, real or under another root, through link chains', () => {
    const { home, settings } = declarativeHome();
    expect(nixStoreLinkTarget(settings)).toMatch(
      new RegExp(`/nix/store/${HASH}-claude-code-settings-directory/settings.json$`),
    );
    const hop = path.join(home, 'hop.json');
    symlinkSync('/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-home-manager-files/.claude/settings.json', hop);
    const chain = path.join(home, 'chain.json');
    symlinkSync(hop, chain);
    expect(nixStoreLinkTarget(chain)).toBe(
      '/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-home-manager-files/.claude/settings.json',
    );
    writeFileSync(path.join(home, 'plain.json'), '{}');
    expect(nixStoreLinkTarget(path.join(home, 'plain.json'))).toBeNull();
  });

  it('without a Nix file configured, refuses to write the store link and says how to fix it', async () => {
    const { home, settings } = declarativeHome();
    const ctx = testContext({ home });
    const [plan] = planApply(ctx, [
      suggestion({ rule: 'Bash(cargo test *)', target: settings, scope: 'user' }),
    ]);
    expect(plan?.refusal).toMatch(
      /is a link into the Nix store .*pass --nix-file FILE or set programs\.clearance\.nixFile/,
    );
    const result = await executeApply(ctx, plan ? [plan] : [], 'yes');
    expect(result.written).toEqual([]);
    expect(lstatSync(settings).isSymbolicLink()).toBe(true);
  });

  it('project settings.local.json files stay JSON even with a Nix file configured', () => {
    const { ctx, home } = declarativeHome();
    const local = path.join(home, 'code', 'p', '.claude', 'settings.local.json');
    const [plan] = planApply(ctx, [suggestion({ rule: 'Bash(make *)', target: local })]);
    expect(plan?.diff).toContain('"Bash(make *)"');
    expect(plan?.diff).not.toContain('programs.claude-code');
  });
});

describe.skipIf(skipReason !== undefined)(
  skipReason
    ? `declarative mode against real home-manager (skipped: ${skipReason})`
    : 'declarative mode against real home-manager',
  () => {
    const evaluatedAllow = (config: string) =>
      evalJson<string[]>(`(home [ ${config}/home.nix ]).programs.claude-code.settings.permissions.allow`);

    it('apply writes the Nix file, home-manager then holds the new rules, and undo restores the file', async () => {
      const { ctx, config, nixFile, settings } = declarativeHome();
      const linkBefore = readlinkSync(settings);
      // Before the first apply the user imports a file clearance has not written yet: an empty one.
      writeFileSync(nixFile, '{ ... }: { }\n');
      expect(() => evaluatedAllow(config)).not.toThrow();
      rmSync(nixFile);

      const first = planApply(ctx, [
        suggestion({ id: 'a1', rule: 'Bash(cargo test *)', target: settings, scope: 'user' }),
        suggestion({ id: 'a2', rule: 'Bash(rm -rf *)', kind: 'deny', target: settings, scope: 'user' }),
      ]);
      expect(first[0]?.refusal).toBeNull();
      expect(first[0]?.nixFile).toBe(nixFile);
      expect(first[0]?.diff).toMatch(/^--- \/dev\/null\n\+\+\+ .*clearance\.nix\n/);
      expect(first[0]?.notes).toContain(`written as Nix to ${nixFile}; takes effect on the next rebuild`);
      const r1 = await executeApply(ctx, first, 'yes');
      expect(r1.refused).toEqual([]);
      expect(r1.declarative).toEqual([nixFile]);
      expect(readlinkSync(settings)).toBe(linkBefore); // the store link is never touched
      const afterFirst = readFileSync(nixFile, 'utf8');
      expect(nixParseProblem(afterFirst, process.env)).toBeNull();

      expect(evaluatedAllow(config)).toEqual(['Bash(cargo test *)', 'Bash(git status)', 'Bash(git push *)']);
      expect(
        evalJson<string[]>(`(home [ ${config}/home.nix ]).programs.claude-code.settings.permissions.deny`),
      ).toEqual(['Bash(rm -rf *)']);

      // A second apply edits the file clearance owns; removing the user's own rule is only a hint.
      const second = planApply(ctx, [
        suggestion({ id: 'b1', rule: 'Bash(jq *)', target: settings, scope: 'user' }),
        suggestion({
          id: 'b2',
          kind: 'remove',
          rule: 'Bash(git push *)',
          list: 'allow',
          target: settings,
          scope: 'user',
        }),
      ]);
      expect(second[0]?.notes).toContain(
        `skipped Bash(git push *): written in your own Nix configuration at ${config}/home.nix:8; remove it there`,
      );
      const r2 = await executeApply(ctx, second, 'yes');
      expect(r2.written).toEqual([settings]);
      expect(evaluatedAllow(config)).toContain('Bash(jq *)');
      expect(evaluatedAllow(config)).toContain('Bash(git push *)');
      expect(readFileSync(path.join(config, 'home.nix'), 'utf8')).toContain('"Bash(git push *)"');

      const u2 = await undoApply(ctx, r2.applyId);
      expect(u2.restored).toEqual([nixFile]);
      expect(readFileSync(nixFile, 'utf8')).toBe(afterFirst);
      expect(evaluatedAllow(config)).not.toContain('Bash(jq *)');

      const u1 = await undoApply(ctx, r1.applyId);
      expect(u1.restored).toEqual([nixFile]);
      expect(existsSync(nixFile)).toBe(false); // the first apply created it
      expect(readlinkSync(settings)).toBe(linkBefore);
    });

    it('refuses to rewrite a clearance file someone edited by hand into another shape', async () => {
      const { ctx, nixFile, settings } = declarativeHome();
      writeFileSync(nixFile, '{ ... }: { programs.claude-code.settings.model = "opus"; }\n');
      const [plan] = planApply(ctx, [suggestion({ rule: 'Bash(jq *)', target: settings, scope: 'user' })]);
      expect(plan?.refusal).toMatch(
        /clearance\.nix: programs\.claude-code\.settings\.model is not something clearance writes/,
      );
    });

    it('docs --write and install-hooks put the tools block and hooks into the Nix file, never the store links', async () => {
      const { home, config, nixFile, settings } = declarativeHome();
      const store = path.join(home, 'nix', 'store', `${HASH.replace('0', 'z')}-hm_CLAUDE.md`);
      writeFileSync(store, '# mine\n');
      const claudeMd = path.join(home, '.claude', 'CLAUDE.md');
      symlinkSync(store, claudeMd);
      const packages = path.join(home, 'packages.nix');
      writeFileSync(packages, '{ pkgs, ... }: { home.packages = with pkgs; [ ripgrep jq ]; }\n');
      const common = ['--home', home, '--db', path.join(home, 'state.db')];

      const refused = await runCli(['docs', '--write', '--packages', packages, ...common]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/CLAUDE\.md is a link into the Nix store .*pass --nix-file FILE/);

      const docs = await runCli([
        'docs',
        '--write',
        '--packages',
        packages,
        '--nix-file',
        nixFile,
        ...common,
      ]);
      expect(docs.code).toBe(0);
      expect(docs.stdout).toContain('tools block written as programs.claude-code.context');
      const hooks = await runCli(['install-hooks', ...common], { env: { CLEARANCE_NIX_FILE: nixFile } });
      expect(hooks.code).toBe(0);
      expect(readlinkSync(claudeMd)).toBe(store);
      expect(lstatSync(settings).isSymbolicLink()).toBe(true);

      const evaluated = evalJson<{ context: string; hooks: string[]; files: string[] }>(
        `let c = home [ ${config}/home.nix ]; in {
          inherit (c.programs.claude-code) context;
          hooks = builtins.attrNames c.programs.claude-code.settings.hooks;
          files = builtins.attrNames c.home.file;
        }`,
      );
      expect(evaluated.context).toMatch(
        /^<!-- clearance:tools:begin -->\n[\s\S]*`rg` \(ripgrep\)[\s\S]*<!-- clearance:tools:end -->\n$/,
      );
      expect(evaluated.hooks).toEqual([
        'PermissionRequest',
        'PostToolUse',
        'PostToolUseFailure',
        'PreToolUse',
      ]);
      expect(evaluated.files).toContain(`/home/alice/.claude/CLAUDE.md`);
    });

    it('nix-instantiate --parse rejects what would not parse', () => {
      expect(nixParseProblem('{ a = ; }', process.env)).toMatch(/^error: syntax error/);
    });
  },
);
