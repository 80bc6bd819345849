// `e`: pick another breadth or scope for a proposal. Alternatives that would have auto-approved a
// call the user denied, or that the risk policy refuses, are shown with the reason and cannot be
// picked (alternativeRefusal); the dialog opens on the first one that can.
import { Box, Text } from 'ink';
import { fit, fitRight, fitRule } from './format.js';
import { alternativeRefusal } from './plain.js';
import { useDashboard } from './store.js';
import { useTheme } from './theme.js';

/** The edit dialog body. */
export function EditDialog({ width }: { width: number }): React.ReactNode {
  const theme = useTheme();
  const dialog = useDashboard((s) => (s.dialog?.kind === 'edit' ? s.dialog : null));
  const suggestion = useDashboard((s) =>
    s.dialog?.kind === 'edit'
      ? s.suggestions.find((x) => x.id === (s.dialog as { id: string }).id)
      : undefined,
  );
  if (!dialog || !suggestion) return null;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        Edit breadth of {suggestion.rule}
      </Text>
      <Text dimColor wrap="truncate">
        Enter picks · Esc keeps the proposed rule · ✗ refused: denied calls or risk policy
      </Text>
      <Text bold>
        {'   '}
        {fit('rule', Math.max(10, width - 40))}
        {fit('breadth', 12)}
        {fitRight('saves', 6)}
        {fitRight('denied', 8)}
      </Text>
      {suggestion.alternatives.map((alt, i) => {
        const refusal = alternativeRefusal(alt);
        const unsafe = refusal !== null;
        return (
          <Box key={alt.rule} flexDirection="column">
            <Text
              inverse={i === dialog.index}
              color={unsafe ? theme.status.error : undefined}
              wrap="truncate"
            >
              {i === dialog.index ? '› ' : '  '}
              {unsafe ? '✗' : ' '}
              {fitRule(alt.rule, Math.max(10, width - 40))}
              {fit(alt.level, 12)}
              {fitRight(String(alt.promptsSaved), 6)}
              {fitRight(String(alt.deniedCovered), 8)}
            </Text>
            {alt.blockedBy || refusal ? (
              <Text dimColor wrap="truncate">
                {'     '}
                {unsafe ? `refused: ${refusal}` : alt.blockedBy}
              </Text>
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}
