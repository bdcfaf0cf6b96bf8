/**
 * The "AI": a deterministic stub so the example runs offline with no model. The reply depends only on
 * the user's name and message, so tests can assert on it.
 */
export function agentReply(userName: string, message: string): string {
  const words = message.trim().split(/\s+/).filter(Boolean).length;
  return `Hello ${userName}, I read your message (${words} word${words === 1 ? '' : 's'}): "${message.trim()}".`;
}
