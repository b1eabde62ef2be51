namespace Huella.Server.Portal;

/// <summary>The portal's one stylesheet, served at <c>/portal.css</c>: readable on a phone, colours with AA contrast, no script.</summary>
internal static class PortalCss
{
    public const string Path = "/portal.css";

    public const string Text = """
        :root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #c8c8c8; --accent: #0b4f8a; --warn: #8a1c0b; --bg-alt: #f2f4f7; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
        a { color: var(--accent); text-decoration: underline; }
        a:focus-visible, input:focus-visible, button:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
        .skip:focus { left: .5rem; }
        header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
        header { border-bottom: 1px solid var(--line); padding-top: .75rem; padding-bottom: .5rem; }
        .site { font-weight: bold; font-size: 1.1rem; color: var(--ink); text-decoration: none; }
        nav ul { list-style: none; margin: .5rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
        .lang { float: right; }
        form.search { margin: .75rem 0 0; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
        form.search input { font: inherit; padding: .3rem .5rem; min-width: 16rem; border: 1px solid var(--muted); }
        form.search button { font: inherit; padding: .3rem .9rem; background: var(--accent); color: #fff; border: 0; }
        h1 { font-size: 1.6rem; margin: 1rem 0 .5rem; }
        h2 { font-size: 1.3rem; margin: 1.5rem 0 .5rem; }
        h3 { font-size: 1.1rem; margin: 1rem 0 .5rem; }
        ol.crumbs { list-style: none; padding: 0; margin: .75rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem; }
        ol.crumbs li + li::before { content: "›"; margin-right: .25rem; color: var(--muted); }
        dl.summary { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; margin: .5rem 0; }
        dl.summary dt { color: var(--muted); }
        dl.summary dd { margin: 0; font-weight: bold; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; margin: .5rem 0 1rem; min-width: 20rem; }
        caption { text-align: left; font-weight: bold; padding: .25rem 0; }
        th, td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
        thead th { background: var(--bg-alt); }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        code, .hash { font-family: "DejaVu Sans Mono", monospace; font-size: .85rem; overflow-wrap: anywhere; }
        .warn { color: var(--warn); font-weight: bold; }
        .note { color: var(--muted); }
        .qr { image-rendering: pixelated; border: 1px solid var(--line); max-width: 100%; height: auto; }
        footer { border-top: 1px solid var(--line); margin-top: 2rem; padding-top: .5rem; padding-bottom: 2rem; color: var(--muted); }
        """;
}
