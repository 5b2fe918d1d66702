/** "version=v2" lines into a variables object; a malformed line is reported (as a string), not dropped. */
export function parseVariables(text: string): Record<string, string> | string {
  const variables: Record<string, string> = {};
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq < 1) return `"${line}" is not name=value`;
    variables[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return variables;
}
