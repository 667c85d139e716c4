/** Words for numbers people type instead of digits ("last two weeks", "top five"). */
export const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  ninety: 90,
};

export const NUMBER_PATTERN = `(?:\\d{1,4}|${Object.keys(NUMBER_WORDS).join('|')})`;

export function parseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  return NUMBER_WORDS[text];
}

/** Month names and their usual abbreviations; the first three letters identify the month. */
export const MONTH_PATTERN =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const MONTH_PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 1–12 for a month word matched by MONTH_PATTERN. */
export function monthNumber(word: string): number {
  return MONTH_PREFIXES.indexOf(word.slice(0, 3)) + 1;
}

/** A four-digit year or an abbreviated one ('26 → 2026). */
export const YEAR_PATTERN = "(?:\\d{4}|'\\d{2})";

export function parseYear(text: string): number {
  return text.startsWith("'") ? 2000 + Number(text.slice(1)) : Number(text);
}

export const ORDINAL_QUARTERS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
};

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
