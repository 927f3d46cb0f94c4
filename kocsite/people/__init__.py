"""Stage 4, people: finding and placing KOCs — candidate scoring for discovery (`candidates`), CSV
import of profiles (`importer`), and skill-based team matching for composite tasks (`matching`).
May import kocsite.money and the stages below it; not kocsite.ops."""
