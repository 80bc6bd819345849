// `A`: the exact per-file change, before anything is written. Enter writes, Esc cancels.
import { Box, Text } from 'ink';
import { redactLines } from '../src/core/redact.js';
import type { FileChangePlan } from '../src/core/types.js';
import { fit } from './format.js';
import { useDashboard } from './store.js';
import { useTheme } from './theme.js';

/** Diff lines of every planned file, with a header per file and any refusal. */
export function diffLines(plans: FileChangePlan[]): string[] {
  const lines: string[] = [];
  for (const plan of plans) {
    lines.push(`● ${plan.path}  (+${plan.added.length} -${plan.removed.length})`);
    if (plan.refusal) lines.push(`  ✗ refused: ${plan.refusal}`);
    // the user's own rules and env block show around the change: redacted like the rest
    lines.push(...redactLines(plan.diff).split('\n'));
    lines.push('');
  }
  return lines;
}

/** The apply dialog body. */
export function ApplyDiffDialog({ width, height }: { width: number; height: number }): React.ReactNode {
  const theme = useTheme();
  const dialog = useDashboard((s) => (s.dialog?.kind === 'apply' ? s.dialog : null));
  const busy = useDashboard((s) => s.busy);
  if (!dialog) return null;
  const lines = diffLines(dialog.plans);
  const room = Math.max(1, height - 2);
  const scroll = Math.min(dialog.scroll, Math.max(0, lines.length - room));
  const files = dialog.plans.length;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        Apply {dialog.ids.length} decision{dialog.ids.length === 1 ? '' : 's'} to {files} file
        {files === 1 ? '' : 's'}?{busy ? ' writing…' : ' Enter writes · Esc cancels'}
      </Text>
      {lines.slice(scroll, scroll + room).map((line, i) => (
        <Text
          key={i}
          bold={line.startsWith('●')}
          color={
            line.startsWith('+') && !line.startsWith('+++')
              ? theme.status.ok
              : line.startsWith('-') && !line.startsWith('---')
                ? theme.status.error
                : line.startsWith('  ✗')
                  ? theme.status.error
                  : undefined
          }
        >
          {fit(line, width)}
        </Text>
      ))}
      {lines.length > room ? (
        <Text dimColor>
          lines {scroll + 1}–{Math.min(lines.length, scroll + room)} of {lines.length} (j/k scroll)
        </Text>
      ) : null}
    </Box>
  );
}
