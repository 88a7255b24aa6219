"""The front page: what happens in the network, from every app, as each app lets the visitor
see it.

Not an app and on no floor of the layering contract: like `knotenpunkt.urls`, it sits above
the apps and only composes their public services and `visible_…` querysets (it stores
nothing and owns no rule). The 403/404/500 pages (`errors.py`) live here too; the
templates are the project's (`templates/front_page/`), beside base.html.
"""
