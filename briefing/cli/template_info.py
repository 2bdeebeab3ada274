"""``briefing template-info TEMPLATE``: what the deck reads from a template, and the layouts it would use.

Lists the page size, each master (its colour map, background, fonts and how
much of its body area decoration covers) with its layouts and their
placeholders, the theme fonts and colours, what opening the template removes,
and the layout chosen for each kind of slide (with ``--layouts``, the mapping's).
"""

from __future__ import annotations

EMU_PER_INCH = 914400


def _inches(value: int) -> str:
    return f"{value / EMU_PER_INCH:.2f}"


def _rect(rect) -> str:
    if rect is None:
        return "(no position)"
    return f"{_inches(rect.x)},{_inches(rect.y)} {_inches(rect.w)}x{_inches(rect.h)} in"


def describe(template: str, layouts_file: str | None = None) -> list[str]:
    """The report's lines."""
    from briefing.deck.layout.metrics import metrics_for
    from briefing.deck.layoutmap import read_layout_map
    from briefing.deck.style import load_style
    from briefing.deck.template import TemplateLayouts, open_template

    style = load_style()
    _, design = open_template(template, style.font_name)
    mapping = read_layout_map(layouts_file) if layouts_file else None
    page = style.for_page(design.width, design.height)
    lines = [f"{template}: page {_inches(design.width)} x {_inches(design.height)} in "
             f"(type and grid scaled x{page.scale:g}), {len(design.masters)} master(s), {len(design.layouts)} layout(s)"]
    lines += [f"  {notice}" for notice in design.notices]
    for master in design.masters:
        roles = [r for r, m in (("title slides", design.title_master), ("content slides", design.content_master)) if m is master]
        lines.append(f"master {master.index + 1}{' (' + ', '.join(roles) + ')' if roles else ''}: "
                     f"decoration covers {round(master.coverage * 100)}% of its body area; "
                     f"background {'/'.join('#' + c for c in master.background) if master.background else 'a picture or unknown'}")
        lines.append(f"  fonts: headings '{master.heading_font}' ({master.heading_ref}), body '{master.body_font}' ({master.body_ref})")
        lines.append("  theme colours: " + " ".join(f"{slot} #{rgb}" for slot, rgb in master.colors.items()))
        lines.append("  colour map: " + " ".join(f"{k}={v}" for k, v in master.color_map.items()))
        for layout in master.layouts:
            places = "; ".join(f"{p.role} {_rect(design.rect(layout, p))}" for p in layout.placeholders) or "no placeholders"
            lines.append(f"  layout '{layout.name}' ({layout.type or 'no type'}, {layout.signature}): {places}")
    metrics = metrics_for(page, design.content_master.heading_font, design.content_master.body_font)
    lines += [f"fonts: {w}" for w in metrics.warnings] or ["fonts: both faces have metrics on this machine"]
    chooser = TemplateLayouts(design, page, template, mapping)
    lines.append("mapping" + (f" ({layouts_file})" if layouts_file else "") + ":")
    for role in ("title", "bottom_line", "finding", "timeline", "sources", "closing"):
        frame = chooser.frame(role)
        lines.append(f"  {role:<12} master {frame.design.master.index + 1} / '{frame.design.name}': "
                     f"title {_rect(frame.title)}, body {_rect(frame.body)}")
    lines += [f"  warning: {w}" for w in chooser.warnings if w not in design.notices]
    return lines


def run(args) -> int:
    from briefing.diagnostics import one_line

    for line in describe(args.template, args.layouts):
        print(one_line(line))  # names come from the template and the command line
    return 0
