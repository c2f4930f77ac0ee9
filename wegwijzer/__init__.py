"""Wegwijzer: a static site generator for PIANOo's advice on organising strategic procurement.

The build runs in one direction, one module per stage:

    config   -> site_config.yaml, with defaults and types
    sources  -> reading YAML and Markdown files, with file and line for every problem
    content  -> loading and validating content/: the decision table, tip and page records
    checklist-> loading and validating the checklist
    model    -> the site as one model: questions, answers, steps, advice, cells, pages
    markup   -> Markdown to safe HTML, with every internal URL made by `urls`
    routes   -> the site map: one route per output (path, kind, template, context, sources)
    manifest -> the published URLs (content/urls.txt) and redirects from former slugs and paths
    changes  -> change notes: the Wijzigingen page and its Atom feed
    render   -> every route through its Jinja template (path -> bytes), nothing written yet
    assets   -> assets/ copied, JavaScript and CSS minified
    writer   -> the atomic swap of dist/
    pipeline -> the stages above, in order
    server   -> the development server with live reload
    cli      -> the commands: build, check, serve, urls, report, diff, links
                (checks, links, review, linkcheck: what those commands do; page_tools: edit and feedback links)
"""
