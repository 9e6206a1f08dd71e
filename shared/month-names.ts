/** The months in English, as the desk writes dates ("5 December 2026"), Excel shows them and letters print them. */
export const ENGLISH_MONTH_NAMES: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
