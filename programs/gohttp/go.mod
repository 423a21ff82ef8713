module ws2test/gohttp

go 1.19
