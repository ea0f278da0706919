/**
 * The id of the `<script type="application/json">` block in which the gateway puts the web app's
 * runtime config (the body of /config.json) into every index.html it serves, so the app starts
 * without another round trip. A JSON data block is never executed, so the CSP is unaffected.
 */
export const RUNTIME_CONFIG_ELEMENT_ID = 'kipindi-config'
