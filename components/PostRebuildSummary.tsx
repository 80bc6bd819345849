// `clearance review --post-rebuild`: what changed in the package set since the previous run,
// whether the CLAUDE.md tools block is stale, and rules naming programs no longer installed.
import { Box, Text } from 'ink';
import { fit } from './format.js';
import { postRebuildLines } from './plain.js';
import { useDashboard } from './store.js';
import { useTheme } from './theme.js';

export { nothingNew, postRebuildLines } from './plain.js';

/** The summary overlay shown first in post-rebuild mode; Enter continues to the proposals. */
export function PostRebuildSummary({ width, height }: { width: number; height: number }): React.ReactNode {
  const theme = useTheme();
  const report = useDashboard((s) => s.postRebuild);
  if (!report) return <Text dimColor>comparing the package set…</Text>;
  return (
    <Box flexDirection="column">
      <Text bold>Since your last rebuild</Text>
      {postRebuildLines(report)
        .slice(0, height - 2)
        .map((line, i) => (
          <Text
            key={i}
            color={
              line.startsWith('  +')
                ? theme.status.ok
                : line.startsWith('  -') || line.includes('✗')
                  ? theme.status.error
                  : undefined
            }
          >
            {fit(line, width)}
          </Text>
        ))}
      <Text dimColor>Enter continues to the proposals</Text>
    </Box>
  );
}
