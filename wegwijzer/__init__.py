"""Wegwijzer: a static site generator for PIANOo's advice on organising strategic procurement.

The build runs in one direction, one module per stage:

    config   -> site_config.yaml, with defaults and types
    sources  -> reading YAML and Markdown files, with file and line for every problem
    content  -> loading and validating content/ into plain records
    checklist-> loading and validating the checklist
    model    -> the decision model: questions, answers, steps, advice, cells
    markup   -> Markdown to safe HTML, with every internal URL made by `urls`
    render   -> Jinja templates to pages (path -> bytes), nothing written yet
    assets   -> assets/ copied, JavaScript and CSS minified
    writer   -> the atomic swap of dist/
    pipeline -> the stages above, in order
    server   -> the development server with live reload
    cli      -> the commands: build, check, serve
"""
