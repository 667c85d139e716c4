/**
 * A short reply to "'prod' could mean the acme-prod account or the env tag value prod" — "the
 * account", "env", "env=prod", "the tag" — answers the question that was asked: the ambiguous
 * name in the original question is replaced by what the reply chose, and the result is asked
 * afresh. Anything that is not such a reply returns undefined and is treated as a new question.
 */
export function answerClarification(
  original: string,
  clarification: string,
  reply: string,
): string | undefined {
  const phrase = /'([^']+)' could mean/.exec(clarification)?.[1];
  if (!phrase) return undefined;
  const words = reply.trim().split(/\s+/);
  if (words.length === 0 || words.length > 6) return undefined;
  const text = reply.toLowerCase();
  const suggestions = [...clarification.matchAll(/say '([\w.:/-]+)=([^']+)'/g)].map((match) => ({
    key: match[1] ?? '',
    value: match[2] ?? '',
  }));

  let replacement: string | undefined;
  const explicit = /([\w.:/-]+)\s*=\s*([\w.:/-]+)/.exec(reply);
  if (explicit) {
    replacement = `${explicit[1]}=${explicit[2]}`;
  } else if (/\baccount\b/.test(text)) {
    replacement = `the ${phrase} account`;
  } else {
    const byKey = suggestions.filter((suggestion) =>
      new RegExp(`\\b${escapeRegExp(suggestion.key.toLowerCase())}\\b`).test(text),
    );
    const chosen =
      byKey.length === 1
        ? byKey[0]
        : /\btag\b/.test(text) && suggestions.length === 1
          ? suggestions[0]
          : undefined;
    if (chosen) replacement = `${chosen.key}=${chosen.value}`;
  }
  if (!replacement) return undefined;
  const pattern = new RegExp(`(?<![\\w-])(?:the )?${escapeRegExp(phrase)}(?![\\w-])`, 'i');
  return pattern.test(original) ? original.replace(pattern, replacement) : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
