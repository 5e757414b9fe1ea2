"""`satchel serve`: the library as a read-only reading room for phones on the same
hotspot or LAN (docs/serve.md). A front end like the CLI and the desktop app: it
uses `reader`'s `Library` API, never Qt.

    with Server(library_dir, ServeConfig(address="10.42.0.1", port=8080)) as server:
        server.start()
        print(server.url)

Modules: `config` (every limit), `app` (WSGI: guards, routes, headers), `pages`
(the views and templates), `i18n` (the interface's words), `guard` (rate limit,
readers count), `server` (waitress, deadlines), `network` (which address),
`qr` (the address as a QR code).
"""
