DETACH snap;
