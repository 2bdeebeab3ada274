"""Where things go on a slide, measured before anything is drawn: text flow, font metrics, rectangles, label placement, the time axis."""
