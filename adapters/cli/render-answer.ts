import type { Answer } from '../../src/domain/index.ts';

export interface RenderOptions {
  /** Use ANSI bold and dim; off when stdout is not a terminal. */
  color: boolean;
}

/** The terminal view of an Answer: the text, then warnings, then the basis in dim type. */
export function renderAnswer(answer: Answer, options: RenderOptions): string {
  const bold = (text: string) => (options.color ? `\u001b[1m${text}\u001b[22m` : text);
  const dim = (text: string) => (options.color ? `\u001b[2m${text}\u001b[22m` : text);
  const yellow = (text: string) => (options.color ? `\u001b[33m${text}\u001b[39m` : text);
  const text = answer.text.replace(/\*([^*\n]+)\*/g, (_, inner: string) => bold(inner));
  const lines = [text];
  if (answer.warnings.length > 0) lines.push('', ...answer.warnings.map((warning) => yellow(`! ${warning}`)));
  if (answer.basis) lines.push('', dim(answer.basis));
  if (answer.followUps.length > 0)
    lines.push(dim(`Try: ${answer.followUps.map((followUp) => `"${followUp}"`).join(' · ')}`));
  return lines.join('\n');
}
