// `?`: every key, generated from the one key table so it can never disagree with the handlers.
// It scrolls (j/k, PgDn/PgUp, g/G) so every key is reachable at 80×24, and `/` searches it.
import { Box, Text } from 'ink';
import { fit } from './format.js';
import { helpLayout, helpLineText } from './plain.js';
import { helpRoom, useDashboard } from './store.js';

/** Help lines: a heading per section, one line per binding (one column, no search). */
export function helpLines(): { text: string; heading: boolean }[] {
  const layout = helpLayout(0);
  return layout.columns
    .flat()
    .filter((l) => l.heading || l.keys !== '')
    .map((l) => ({ text: helpLineText(l, layout.keyWidth), heading: l.heading }));
}

/** The help overlay: whole sections in one or two columns, scrolled together. */
export function HelpOverlay({ width, height }: { width: number; height: number }): React.ReactNode {
  const help = useDashboard((s) => s.help);
  const room = useDashboard((s) => helpRoom(s));
  const layout = helpLayout(width, help.query);
  const scroll = Math.min(help.scroll, Math.max(0, layout.rows - room));
  const search =
    help.query || help.searching
      ? `/${help.query}${help.searching ? '▏' : ''} — ${layout.matches} key${layout.matches === 1 ? '' : 's'}`
      : '/ searches';
  const position =
    layout.rows > room
      ? `lines ${scroll + 1}–${Math.min(layout.rows, scroll + room)} of ${layout.rows} · j/k PgDn/PgUp g/G scroll`
      : '';
  return (
    <Box flexDirection="column" height={height}>
      <Text bold wrap="truncate">
        {fit(`keys (Esc or ? closes) · ${search}`, width)}
      </Text>
      <Box flexDirection="row" height={Math.min(room, Math.max(1, layout.rows))}>
        {layout.columns.map((column, c) => (
          <Box key={c} flexDirection="column" width={layout.columnWidth}>
            {column.slice(scroll, scroll + room).map((line, i) => (
              <Text key={i} bold={line.heading} wrap="truncate">
                {fit(helpLineText(line, layout.keyWidth), layout.columnWidth - 1)}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
      {layout.matches === 0 ? (
        <Text dimColor>no key matches “{help.query}” — Esc clears the search</Text>
      ) : null}
      {position ? (
        <Box flexGrow={1} alignItems="flex-end">
          <Text dimColor>{fit(position, width)}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
