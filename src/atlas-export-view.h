/* atlas-export-view.h — exporting what the window shows: the view as an image,
 * the visible events as CSV or GeoJSON, the view as a file or a link
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "atlas-window.h"

G_BEGIN_DECLS

typedef enum {
  ATLAS_EXPORT_FORMAT_PNG,
  ATLAS_EXPORT_FORMAT_SVG,
  ATLAS_EXPORT_FORMAT_PDF,
} AtlasExportFormat;

/* Renders the map and the timeline as they are shown, with a legend
 * (title, source credit, counts, time, actors, categories, basemap
 * attribution), into @file at @width × @height pixels (points for PDF). */
gboolean  atlas_export_view                 (AtlasWindow        *window,
                                             GFile              *file,
                                             AtlasExportFormat   format,
                                             int                 width,
                                             int                 height,
                                             GError            **error);

/* The dialogs behind the window's actions */
void      atlas_export_view_run_dialog      (AtlasWindow        *window);
void      atlas_export_events_run_dialog    (AtlasWindow        *window);
void      atlas_export_save_view_run_dialog (AtlasWindow        *window);
/* puts an event-atlas:// link to the view on the clipboard; returns it */
char     *atlas_export_copy_view_link       (AtlasWindow        *window);

G_END_DECLS
