"""The Korean wording of every answer: decisions and facts from remedy_rules become polite Korean
(해요체), the answer first, reported facts marked as reported. Nothing here decides anything."""
