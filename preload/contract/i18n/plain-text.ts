/**
 * ICU MessageFormat syntax starts with one of `{ } < '`: a message without them is plain text, shown
 * as it is. The translator shows such a message without a formatter, the window's build ships it as
 * text rather than a syntax tree, and the pseudo-locales take it as it is — the window, which has no
 * parser, never parses one. No imports: the build script and both processes read it.
 */
export const isPlainText = (message: string): boolean => !/[{}<']/.test(message);
