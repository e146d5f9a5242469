ATTACH $path AS snap (READ_WRITE);
