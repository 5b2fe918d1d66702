/** Sends `requests` GETs to an invoke URL, fifty at a time. */
export async function invoke(url: string, requests: number) {
  for (let sent = 0; sent < requests; sent += 50) {
    await Promise.all(Array.from({ length: 50 }, () => fetch(url).then((r) => r.arrayBuffer())));
  }
}
