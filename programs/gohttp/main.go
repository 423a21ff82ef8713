// SPDX-License-Identifier: LGPL-2.1-or-later

// gohttp: an unmodified Go program on our ws2_32.  Go's runtime for
// Windows does all socket I/O through a completion port: it asks WSAIoctl
// for ConnectEx and AcceptEx, and reads and writes with overlapped
// WSARecv/WSASend (WSARecvFrom/WSASendTo for UDP).  The program serves
// HTTP on loopback, fetches from itself with bodies of many sizes and
// checks every byte, then does a UDP round trip.  It prints one line and
// exits 0 on success.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"time"
)

func fail(format string, args ...interface{}) {
	fmt.Printf("gohttp: FAIL "+format+"\n", args...)
	os.Exit(1)
}

// body returns n bytes that differ with n, so a mixed-up reply shows.
func body(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + n)
	}
	return b
}

// The server answers a POST with the SHA-256 of what it received,
// followed by the body itself.
func handler(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	sum := sha256.Sum256(data)
	w.Write([]byte(hex.EncodeToString(sum[:]) + "\n"))
	w.Write(data)
}

func checkHTTP(url string, sizes []int) {
	client := &http.Client{Timeout: 20 * time.Second}
	var wg sync.WaitGroup
	errs := make(chan error, len(sizes))
	for _, n := range sizes {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			want := body(n)
			resp, err := client.Post(url, "application/octet-stream", bytes.NewReader(want))
			if err != nil {
				errs <- fmt.Errorf("POST %d bytes: %v", n, err)
				return
			}
			defer resp.Body.Close()
			got, err := io.ReadAll(resp.Body)
			if err != nil {
				errs <- fmt.Errorf("reading reply to %d bytes: %v", n, err)
				return
			}
			sum := sha256.Sum256(want)
			head := hex.EncodeToString(sum[:]) + "\n"
			if !bytes.Equal(got, append([]byte(head), want...)) {
				errs <- fmt.Errorf("reply to %d bytes differs (%d bytes back)", n, len(got))
			}
		}(n)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		fail("%v", err)
	}
}

func checkUDP() {
	server, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		fail("udp listen: %v", err)
	}
	defer server.Close()
	client, err := net.Dial("udp", server.LocalAddr().String())
	if err != nil {
		fail("udp dial: %v", err)
	}
	defer client.Close()
	go func() {
		buf := make([]byte, 2048)
		for {
			n, from, err := server.ReadFrom(buf)
			if err != nil {
				return
			}
			server.WriteTo(bytes.ToUpper(buf[:n]), from)
		}
	}()
	for i := 0; i < 20; i++ {
		msg := []byte(fmt.Sprintf("datagram number %d", i))
		if _, err := client.Write(msg); err != nil {
			fail("udp write: %v", err)
		}
		client.SetReadDeadline(time.Now().Add(5 * time.Second))
		buf := make([]byte, 2048)
		n, err := client.Read(buf)
		if err != nil {
			fail("udp read: %v", err)
		}
		if !bytes.Equal(buf[:n], bytes.ToUpper(msg)) {
			fail("udp reply %q", buf[:n])
		}
	}
}

func main() {
	time.AfterFunc(60*time.Second, func() { fail("timed out") })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail("listen: %v", err)
	}
	go http.Serve(ln, http.HandlerFunc(handler))
	url := "http://" + ln.Addr().String() + "/"
	sizes := []int{0, 1, 100, 1460, 4096, 65536, 300000, 1 << 20}
	for round := 0; round < 3; round++ {
		checkHTTP(url, sizes)
	}
	checkUDP()
	fmt.Printf("gohttp: OK, %d HTTP exchanges and 20 datagrams\n", 3*len(sizes))
}
