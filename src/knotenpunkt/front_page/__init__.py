"""The front page: what happens in the network, from every app, as each app lets the visitor
see it.

Not an app and on no floor of the layering contract: like `knotenpunkt.urls`, it sits above
the apps and only composes their public services and `visible_…` querysets (it stores
nothing and owns no rule). Its template is core's (`core/home.html`).
"""
