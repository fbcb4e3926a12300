/* atlas-sentences.h — a source text cut into sentences, and which of them events cite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offsets are in characters (Unicode code points) from the start of the text,
 * like event excerpt offsets.  A sentence runs from its first non-space
 * character to just after its final punctuation and any closing quotes or
 * brackets; the white space between sentences belongs to none.
 *
 * The splitter is rule based and knows English conventions: a sentence ends at
 * . ! ? or … followed by space and a capital, a digit or an opening quote, or at
 * the end of a line.  Not ends: abbreviations ("Mr.", "Dr.", "e.g."), initials
 * and dotted acronyms ("John F. Kennedy", "U.S."), decimals ("3.5"), and
 * punctuation inside a quotation that closes later on the same line.
 */

#pragma once

#include <glib.h>

#include "atlas-types.h"

G_BEGIN_DECLS

typedef struct {
  gint64 start;        /* first character */
  gint64 end;          /* one past the last character */
  guint  n_citations;  /* events whose excerpt overlaps the sentence */
  guint  uncited : 1;  /* inside a passage the dataset leaves uncited on purpose */
} AtlasSentence;

/* A new array of AtlasSentence in text order (empty for NULL or blank text). */
GArray   *atlas_sentences_split           (const char   *text);

/* Counts a citation of [@from, @to) on every sentence it overlaps. */
void      atlas_sentences_cite            (GArray       *sentences,
                                           gint64        from,
                                           gint64        to);
guint     atlas_sentences_count_cited     (GArray       *sentences);
/* sentences cited, or deliberately uncited (sources[].uncited) */
guint     atlas_sentences_count_covered   (GArray       *sentences);
/* index of the sentence containing @offset, or -1 (white space between sentences) */
gint      atlas_sentences_find            (GArray       *sentences,
                                           gint64        offset);

/* The sentences of @source's text, each cited by the events of @dataset whose
 * excerpt comes from @source, and marked uncited where the source lists them
 * so.  Empty when the source has no text. */
GArray   *atlas_sentences_new_for_source  (AtlasDataset *dataset,
                                           AtlasSource  *source);

G_END_DECLS
