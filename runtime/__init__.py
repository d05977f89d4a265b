"""What the Rasa server process needs beyond Rasa itself at scale: a lock store that is safe
across replicas, and one measured speed fix. Referenced from endpoints and the connectors."""
