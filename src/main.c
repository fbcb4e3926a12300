/* main.c — entry point
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "atlas-application.h"

/* Without a GPU (no DRM device: a virtual machine, a remote or headless X server),
 * GTK's OpenGL renderer runs on Mesa's software rasteriser, where each frame of this
 * window costs 100–250 ms; GTK's Cairo renderer draws the same frame several times
 * faster.  A renderer the user chose (GSK_RENDERER) is kept. */
static void
prefer_cairo_without_gpu (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_getenv ("GSK_RENDERER") != NULL)
    return;

  dir = g_dir_open ("/dev/dri", 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "card") || g_str_has_prefix (name, "renderD"))
      return;

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AtlasApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  prefer_cairo_without_gpu ();

  app = atlas_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
