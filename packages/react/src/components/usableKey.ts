/** The app's key for a message, or undefined when it throws or gives no usable (non-empty) string. */
export function usableKey<T>(getKey: (message: T) => string, message: T): string | undefined {
  try {
    const key = getKey(message);
    return typeof key === 'string' && key !== '' ? key : undefined;
  } catch {
    return undefined;
  }
}
