// The realtime server as child-server.ts starts it for tests: realtime/main.ts, plus a watchdog.
// When the test process that started it is gone (its end of our stdin closes, even after a kill -9
// or a worker torn down on a timeout), this process ends too instead of living on as an orphan.
export {}

process.stdin.on('end', () => process.kill(process.pid, 'SIGKILL'))
process.stdin.resume()
await import('../main.ts')
