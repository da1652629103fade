/**
 * An email address as a screen may show it to someone who is not its owner: the first letter of
 * the name and the domain ("s•••@example.com"), enough to recognise, not enough to use.
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${address[0]}•••${address.slice(at)}`;
}
